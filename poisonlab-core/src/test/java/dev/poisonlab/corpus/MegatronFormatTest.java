/*
 * The Megatron-LM / GPT-NeoX export, read back by hand per the published MMIDIDX layout
 * (megatron/core/datasets/indexed_dataset.py, _IndexWriter / _IndexReader): header, version, dtype code,
 * counts, int32 lengths, int64 byte pointers, int64 document indices; one sequence per stream document.
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronFormatTest {
  @TempDir Path dir;

  @Test
  void indexReadsBackPerPublishedLayoutAndSequencesAreTheStreamDocuments() throws IOException {
    Path corpus = dir.resolve("clean.jsonl");
    StreamFixtures.writeCorpus(corpus, 300, 8);
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 7, 30);
    Path out = dir.resolve("stream");
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.tokens(12_345))
            .seed(2)
            .optPoisons(poisonsFile)
            .optHeldout(HeldoutSplit.parse("10"))
            .optFormats(Set.of(StreamFormat.MEGATRON))
            .build();
    StreamManifest manifest =
        StreamBuilder.build(config, BuildOptions.into(out), new ByteTokenizer()).manifest();
    assertEquals(List.of("nanogpt", "megatron"), manifest.build().formats());

    ByteBuffer idx =
        ByteBuffer.wrap(Files.readAllBytes(out.resolve("megatron_text_document.idx")))
            .order(ByteOrder.LITTLE_ENDIAN);
    byte[] header = new byte[9];
    idx.get(header);
    assertArrayEquals("MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII), header);
    assertEquals(1L, idx.getLong(), "version");
    assertEquals(8, idx.get(), "dtype code 8 = uint16");
    long sequences = idx.getLong();
    long documents = idx.getLong();
    assertEquals(34, idx.position(), "fixed header is 34 bytes, as _IndexReader assumes");
    assertEquals(sequences + 1, documents, "document indices hold n + 1 entries");
    int[] lengths = new int[(int) sequences];
    for (int i = 0; i < sequences; i++) {
      lengths[i] = idx.getInt();
    }
    long[] pointers = new long[(int) sequences];
    for (int i = 0; i < sequences; i++) {
      pointers[i] = idx.getLong();
    }
    for (long i = 0; i < documents; i++) {
      assertEquals(i, idx.getLong(), "one sequence per document");
    }
    assertEquals(0, idx.remaining(), "nothing after the document indices (not multimodal)");

    assertEquals(manifest.build().streamDocuments(), sequences);
    assertEquals(12_345, Arrays.stream(lengths).asLongStream().sum());
    byte[] bin = Files.readAllBytes(out.resolve("megatron_text_document.bin"));
    assertArrayEquals(Files.readAllBytes(out.resolve(StreamManifest.TOKENS_FILE)), bin);
    ByteBuffer tokens = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
    long pointer = 0;
    int poisonSequences = 0;
    for (int i = 0; i < sequences; i++) {
      assertEquals(pointer, pointers[i], "pointer " + i);
      pointer += 2L * lengths[i];
      int last = Short.toUnsignedInt(tokens.getShort((int) (pointers[i] + 2L * (lengths[i] - 1))));
      if (i < sequences - 1) {
        assertEquals(
            ByteTokenizer.END_OF_TEXT, last, "every whole document ends with <|endoftext|>");
      }
      long startToken = pointers[i] / 2;
      long endToken = startToken + lengths[i] - 1;
      if (manifest.poisons().stream()
          .anyMatch(span -> span.start() == startToken && span.end() == endToken)) {
        poisonSequences++;
      }
    }
    assertEquals(7, poisonSequences, "each poison is exactly one sequence");
  }
}
