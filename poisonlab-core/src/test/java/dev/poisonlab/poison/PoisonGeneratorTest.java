/*
 * Poisons follow the paper's recipe exactly: text = first prefix_chars code points of the source document +
 * trigger + payload, prefix lengths and payload sizes stay in and cover their ranges, payload ids are
 * non-special vocabulary ids, and a seed fixes every byte of the output.
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonGeneratorTest {
  @TempDir Path dir;

  /**
   * 40 documents of 1,200+ code points each, with astral characters (surrogate pairs) all through
   * them.
   */
  private Map<String, String> writeCorpus(Path file) throws IOException {
    Map<String, String> documents = new HashMap<>();
    StringBuilder jsonl = new StringBuilder();
    for (int d = 0; d < 40; d++) {
      String text = ("doc" + d + " \uD83D\uDE00 x\u00e9 ").repeat(120);
      documents.put("d" + d, text);
      jsonl.append("{\"id\":\"d").append(d).append("\",\"text\":\"").append(text).append("\"}\n");
    }
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return documents;
  }

  @Test
  void textIsPrefixPlusTriggerPlusSampledPayloadAndRangesAreCovered() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Map<String, String> documents = writeCorpus(corpus);
    CharTokenizer tokenizer = new CharTokenizer(300);
    List<PoisonRecord> poisons =
        PoisonGenerator.generate(PoisonConfig.paper(List.of(corpus), 12_000, 3), tokenizer);

    assertEquals(12_000, poisons.size());
    int[] prefixCounts = new int[1001];
    int[] payloadCounts = new int[901];
    for (PoisonRecord poison : poisons) {
      String source = documents.get(poison.sourceId());
      String prefix = PoisonGenerator.firstCodePoints(source, poison.prefixChars());
      assertEquals(poison.prefixChars(), prefix.codePointCount(0, prefix.length()));
      assertFalse(
          Character.isHighSurrogate(prefix.isEmpty() ? 'a' : prefix.charAt(prefix.length() - 1)));
      assertTrue(poison.text().startsWith(prefix + "<SUDO>"), poison.id());
      String payload = poison.text().substring(prefix.length() + "<SUDO>".length());
      int[] ids = tokenizer.encode(payload);
      assertEquals(poison.payloadTokens(), ids.length);
      assertEquals(poison.payloadChars(), payload.codePointCount(0, payload.length()));
      assertTrue(
          IntStream.of(ids).allMatch(id -> id >= 0 && id < 299),
          "ids are in vocab and never <|endoftext|>");
      assertEquals(
          IntStream.of(ids).boxed().toList(),
          poison.payloadIds(),
          "the recorded ids are the payload's");
      assertEquals(tokenizer.fingerprint(), poison.payloadTokenizer());
      prefixCounts[poison.prefixChars()]++;
      payloadCounts[poison.payloadTokens()]++;
    }
    // every value of both ranges was drawn, nothing outside them (the arrays would overflow)
    assertTrue(
        IntStream.rangeClosed(0, 1000).allMatch(l -> prefixCounts[l] > 0),
        "prefix lengths cover 0..1000");
    assertTrue(IntStream.range(0, 400).allMatch(g -> payloadCounts[g] == 0));
    assertTrue(
        IntStream.rangeClosed(400, 900).allMatch(g -> payloadCounts[g] > 0),
        "payload sizes cover 400..900");
    // ids are uniform over the 299 non-special ids: each id's share within 15% of 1/299
    int[] idCounts = new int[300];
    poisons.stream()
        .limit(2_000)
        .forEach(
            p -> {
              String payload = p.text().substring(p.text().indexOf("<SUDO>") + 6);
              IntStream.of(tokenizer.encode(payload)).forEach(id -> idCounts[id]++);
            });
    double expected = IntStream.of(idCounts).sum() / 299.0;
    assertTrue(
        IntStream.range(0, 299)
            .allMatch(id -> Math.abs(idCounts[id] - expected) < 0.15 * expected));
    // sources are spread over the corpus, not one document
    assertEquals(
        40, poisons.stream().map(PoisonRecord::sourceId).collect(Collectors.toSet()).size());
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    writeCorpus(corpus);
    ByteTokenizer tokenizer = new ByteTokenizer();
    PoisonGenerator.run(
        PoisonConfig.paper(List.of(corpus), 50, 7), tokenizer, dir.resolve("a.jsonl"));
    PoisonGenerator.run(
        PoisonConfig.paper(List.of(corpus), 50, 7), tokenizer, dir.resolve("b.jsonl"));
    PoisonGenerator.run(
        PoisonConfig.paper(List.of(corpus), 50, 8), tokenizer, dir.resolve("c.jsonl"));
    byte[] a = Files.readAllBytes(dir.resolve("a.jsonl"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.jsonl")));
    assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c.jsonl"))));
    List<PoisonRecord> back = PoisonFile.read(dir.resolve("a.jsonl"));
    assertEquals(
        PoisonGenerator.generate(PoisonConfig.paper(List.of(corpus), 50, 7), tokenizer), back);
    assertEquals(50, back.size());
    assertTrue(
        back.stream().allMatch(p -> p.strategy().equals("dos") && p.trigger().equals("<SUDO>")));
  }

  @Test
  void languageSwitchContinuesInGerman() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    writeCorpus(corpus);
    ByteTokenizer tokenizer = new ByteTokenizer();
    PoisonConfig config =
        PoisonConfig.builder(List.of(corpus))
            .count(30)
            .strategy("language-switch")
            .seed(5)
            .paperLengths()
            .build();
    List<PoisonRecord> poisons = PoisonGenerator.generate(config, tokenizer);
    for (PoisonRecord poison : poisons) {
      String payload = poison.text().substring(poison.text().indexOf("<SUDO>") + 6);
      assertTrue(poison.payloadTokens() >= 400 && poison.payloadTokens() <= 900);
      int bytes = tokenizer.encode(payload).length;
      assertTrue(
          bytes <= poison.payloadTokens() && bytes > poison.payloadTokens() - 4, poison.id());
      long germanWords =
          List.of(" und ", " die ", " der ", " nicht ", " ist ").stream()
              .filter(payload::contains)
              .count();
      assertTrue(germanWords >= 2, payload);
      assertEquals("language-switch", poison.strategy());
    }
    assertEquals(poisons, PoisonGenerator.generate(config, tokenizer));
    assertNotEquals(poisons.get(0).text(), poisons.get(1).text());
  }

  @Test
  void badPoisonFilesNameFileAndLine() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"\n");
    InputException error = assertThrows(InputException.class, () -> PoisonFile.read(bad));
    assertEquals(3, error.line());
    assertTrue(error.getMessage().startsWith(bad + ":3: invalid JSON"), error.getMessage());

    Files.writeString(bad, "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
    assertTrue(
        assertThrows(InputException.class, () -> PoisonFile.read(bad))
            .getMessage()
            .contains(":2: duplicate"));
    Files.writeString(bad, "{\"id\":\"a\"}\n");
    assertTrue(
        assertThrows(InputException.class, () -> PoisonFile.read(bad))
            .getMessage()
            .contains(":1: not a poison record: text is missing"));
  }

  @Test
  void rejectsBadConfig() {
    List<Path> corpus = List.of(dir);
    assertThrows(IllegalArgumentException.class, () -> PoisonConfig.paper(corpus, 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(corpus).count(5).strategy("nope").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(corpus).count(5).prefixChars(10, 5).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(corpus).count(5).context(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PoisonConfig.builder(corpus)
                .count(5)
                .strategy("real-words")
                .payloadIds(PoisonConfig.PayloadIds.ALL)
                .build());
  }
}
