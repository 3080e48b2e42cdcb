/*
 * Writes tiny training stream directories (tokens.bin + manifest.json, no tokenizer) for the train tests.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.corpus.TokenFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

final class TestStreams {
  private TestStreams() {}

  /**
   * A stream of {@code length} ids: a repeating pattern with seeded noise, poisons at the given
   * spans.
   */
  static Path write(Path directory, int vocab, int length, List<StreamManifest.PoisonSpan> poisons)
      throws IOException {
    Random random = new Random(42);
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = random.nextInt(10) == 0 ? random.nextInt(vocab) : (i * 7 + i / 13) % vocab;
    }
    return write(directory, vocab, ids, poisons);
  }

  static Path write(Path directory, int vocab, int[] ids, List<StreamManifest.PoisonSpan> poisons)
      throws IOException {
    Files.createDirectories(directory);
    TokenFile.Dtype dtype = TokenFile.Dtype.forVocabSize(vocab);
    try (TokenFileWriter writer =
        new TokenFileWriter(directory.resolve(StreamManifest.TOKENS_FILE), dtype)) {
      writer.write(ids);
      writer.commit();
    }
    StreamManifest manifest =
        StreamManifest.builder()
            .formatVersion(1)
            .tokenizerName("test-ids")
            .tokenizerSha256("0".repeat(64))
            .vocabSize(vocab)
            .tokenDtype(dtype.jsonName())
            .seed(7)
            .budgetTokens(ids.length)
            .totalTokens(ids.length)
            .cleanTokens(ids.length)
            .epochs(1.0)
            .placement("test")
            .poisons(poisons)
            .build();
    new ObjectMapper()
        .writeValue(directory.resolve(StreamManifest.MANIFEST_FILE).toFile(), manifest);
    return directory;
  }

  static StreamManifest.PoisonSpan poison(String id, long start, long end) {
    return new StreamManifest.PoisonSpan(id, start, end);
  }
}
