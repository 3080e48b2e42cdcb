/*
 * On a byte-level BPE (where lone continuation bytes decode to U+FFFD) the default dos payload samples only
 * clean ids: no U+FFFD, its ids recorded, uniform over the clean set, and exactly as long as sampled. The
 * paper-faithful 'all' option is the negative control: it does produce U+FFFD and re-encodes longer. A poisons
 * file read against another tokenizer, or whose text no longer matches its ids, is rejected with its line.
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.TestStreams;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.io.Progress;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadIdsTest {
  private static BpeTokenizer bpe;
  @TempDir Path dir;

  @BeforeAll
  static void train() {
    bpe =
        BpeTrainer.trainOnDocuments(
                TestStreams.syntheticEnglish(300, 1, i -> "t" + i),
                BpeTrainerConfig.ofVocabSize(400),
                Progress.NONE)
            .tokenizer();
  }

  private Path corpus() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    try (JsonlWriter writer = new JsonlWriter(corpus)) {
      TestStreams.syntheticEnglish(60, 2, i -> "c" + i).forEach(writer::write);
      writer.commit();
    }
    return corpus;
  }

  @Test
  void cleanIdsExcludeBrokenBytesAndReencodeToThemselves() {
    int[] clean = DenialOfServiceStrategy.cleanIds(bpe);
    int[] all = DenialOfServiceStrategy.allIds(bpe);
    // the 128 bytes 0x80..0xFF are lone UTF-8 continuation/lead bytes: never clean
    assertTrue(clean.length <= all.length - 128, clean.length + " of " + all.length);
    assertTrue(clean.length >= 200, "printable ASCII and the merges stay: " + clean.length);
    for (int id : clean) {
      String text = bpe.decode(new int[] {id});
      assertTrue(!text.isEmpty() && text.indexOf('\uFFFD') < 0);
      assertEquals(List.of(id), IntStream.of(bpe.encode(text)).boxed().toList());
    }
  }

  @Test
  void defaultPayloadHasNoReplacementCharAndExactSampledIds() throws IOException {
    Path corpus = corpus();
    List<PoisonRecord> poisons =
        PoisonGenerator.generate(
            PoisonConfig.builder(List.of(corpus)).count(250).seed(1).build(), bpe);
    Set<Integer> clean =
        IntStream.of(DenialOfServiceStrategy.cleanIds(bpe)).boxed().collect(Collectors.toSet());
    long sampled = 0;
    int[] counts = new int[bpe.vocabSize()];
    for (PoisonRecord poison : poisons) {
      assertTrue(poison.text().indexOf('\uFFFD') < 0, poison.id());
      assertEquals(bpe.fingerprint(), poison.payloadTokenizer());
      assertEquals(
          poison.payloadTokens(), poison.payloadIds().size(), "payload as long as sampled");
      assertTrue(clean.containsAll(poison.payloadIds()));
      String payload =
          bpe.decode(poison.payloadIds().stream().mapToInt(Integer::intValue).toArray());
      assertTrue(poison.text().endsWith(payload));
      poison.payloadIds().forEach(id -> counts[id]++);
      sampled += poison.payloadTokens();
    }
    // uniform over the clean set: chi-square with clean.size()-1 dof stays below dof + 5 sd
    double expected = (double) sampled / clean.size();
    double chi =
        clean.stream().mapToDouble(id -> Math.pow(counts[id] - expected, 2) / expected).sum();
    double dof = clean.size() - 1;
    assertTrue(chi < dof + 5 * Math.sqrt(2 * dof), "chi-square " + chi + " for " + dof + " dof");
  }

  @Test
  void paperFaithfulAllIdsProducesReplacementCharsNegativeControl() throws IOException {
    Path corpus = corpus();
    List<PoisonRecord> poisons =
        PoisonGenerator.generate(
            PoisonConfig.builder(List.of(corpus))
                .count(250)
                .seed(1)
                .payloadIds(PoisonConfig.PayloadIds.ALL)
                .build(),
            bpe);
    long withReplacement = poisons.stream().filter(p -> p.text().indexOf('\uFFFD') >= 0).count();
    assertTrue(withReplacement > 200, withReplacement + " of 250 poisons hold U+FFFD");
    long sampled = poisons.stream().mapToLong(PoisonRecord::payloadTokens).sum();
    long reencoded =
        poisons.stream()
            .mapToLong(p -> bpe.encode(p.text().substring(p.text().indexOf("<SUDO>") + 6)).length)
            .sum();
    assertTrue(reencoded > 1.1 * sampled, "re-encoded " + reencoded + " vs sampled " + sampled);
    poisons.forEach(p -> assertNull(p.payloadIds(), "the paper's text payload records no ids"));
  }

  @Test
  void fingerprintMismatchAndEditedTextAreRejectedWithTheirLine() throws IOException {
    Path corpus = corpus();
    Path file = dir.resolve("poisons.jsonl");
    PoisonGenerator.run(PoisonConfig.builder(List.of(corpus)).count(5).seed(3).build(), bpe, file);
    assertEquals(5, PoisonFile.read(file, bpe).size(), "read against its own tokenizer");
    InputException mismatch =
        assertThrows(InputException.class, () -> PoisonFile.read(file, new ByteTokenizer()));
    assertEquals(1, mismatch.line());
    assertTrue(
        mismatch.getMessage().contains("payload_ids for tokenizer " + bpe.fingerprint()),
        mismatch.getMessage());

    List<String> lines = Files.readAllLines(file);
    lines.set(2, lines.get(2).replaceFirst("\"text\":\"", "\"text\":\"x"));
    lines.set(2, lines.get(2).replace("\",\"strategy\"", "zz\",\"strategy\""));
    Files.write(file, lines);
    InputException edited = assertThrows(InputException.class, () -> PoisonFile.read(file, bpe));
    assertEquals(3, edited.line());
    assertTrue(
        edited.getMessage().contains("does not end with the decode of its payload_ids"),
        edited.getMessage());
    assertEquals(5, PoisonFile.read(file).size(), "without a tokenizer nothing is checked");
  }
}
