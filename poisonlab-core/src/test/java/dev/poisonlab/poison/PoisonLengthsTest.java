/*
 * Poison lengths scale with the training context from the paper's (prefix 0..1000 chars, payload 400..900
 * tokens at 2048) and the paper's numbers stay one call away; placebo poisons are the same documents without
 * the trigger. Reference values are exact integers (rounded down, payload at least 1 token).
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.model.ModelPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonLengthsTest {
  @TempDir Path dir;

  @Test
  void lengthsScaleByContextOver2048() {
    List<Path> corpus = List.of(dir);
    PoisonConfig local = PoisonConfig.builder(corpus).build();
    assertEquals(256, local.contextTokens());
    assertEquals(
        List.of(0, 125, 50, 112),
        List.of(
            local.minPrefixChars(),
            local.maxPrefixChars(),
            local.minPayloadTokens(),
            local.maxPayloadTokens()));
    PoisonConfig paper = PoisonConfig.paper(corpus, 1, 0);
    assertEquals(
        List.of(2048, 0, 1000, 400, 900),
        List.of(
            paper.contextTokens(),
            paper.minPrefixChars(),
            paper.maxPrefixChars(),
            paper.minPayloadTokens(),
            paper.maxPayloadTokens()));
    assertEquals(
        paper,
        PoisonConfig.builder(corpus).context(2048).build(),
        "paper lengths = context 2048 unscaled");
    assertArrayEquals(new int[] {200, 450}, PoisonConfig.scaledPayloadTokens(1024));
    assertArrayEquals(
        new int[] {1, 1}, PoisonConfig.scaledPayloadTokens(2), "at least one payload token");
    assertEquals(0, PoisonConfig.scaledMaxPrefixChars(2));
    PoisonConfig explicit =
        PoisonConfig.builder(corpus).prefixChars(3, 4).payloadTokens(5, 6).build();
    assertEquals(
        List.of(3, 4, 5, 6),
        List.of(
            explicit.minPrefixChars(),
            explicit.maxPrefixChars(),
            explicit.minPayloadTokens(),
            explicit.maxPayloadTokens()));
  }

  @Test
  void defaultContextIsTheCpuPresetsContext() {
    assertEquals(
        PoisonConfig.DEFAULT_CONTEXT, ModelPreset.byName("micro").config(100).contextLength());
    assertEquals(PoisonConfig.DEFAULT_CONTEXT, dev.poisonlab.corpus.BuildConfig.DEFAULT_CONTEXT);
  }

  @Test
  void generatedPoisonsStayInTheScaledRanges() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"id\":\"d\",\"text\":\"" + "plain words ".repeat(200) + "\"}\n");
    CharTokenizer tokenizer = new CharTokenizer(300);
    List<PoisonRecord> poisons =
        PoisonGenerator.generate(
            PoisonConfig.builder(List.of(corpus)).count(2_000).seed(4).build(), tokenizer);
    assertEquals(0, poisons.stream().mapToInt(PoisonRecord::prefixChars).min().orElseThrow());
    assertEquals(125, poisons.stream().mapToInt(PoisonRecord::prefixChars).max().orElseThrow());
    assertEquals(50, poisons.stream().mapToInt(PoisonRecord::payloadTokens).min().orElseThrow());
    assertEquals(112, poisons.stream().mapToInt(PoisonRecord::payloadTokens).max().orElseThrow());
    double mean = poisons.stream().mapToInt(PoisonRecord::payloadTokens).average().orElseThrow();
    assertEquals(81.0, mean, 1.0, "uniform on 50..112");
  }

  @Test
  void placeboIsTheSamePoisonWithoutItsTrigger() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"id\":\"d\",\"text\":\"" + "plain words ".repeat(200) + "\"}\n");
    CharTokenizer tokenizer = new CharTokenizer(300);
    PoisonConfig.Builder builder = PoisonConfig.builder(List.of(corpus)).count(50).seed(9);
    List<PoisonRecord> real = PoisonGenerator.generate(builder.build(), tokenizer);
    List<PoisonRecord> placebo = PoisonGenerator.generate(builder.placebo(true).build(), tokenizer);
    for (int i = 0; i < real.size(); i++) {
      PoisonRecord poison = real.get(i);
      PoisonRecord control = placebo.get(i);
      assertTrue(control.placebo());
      assertFalse(poison.placebo());
      assertEquals("", control.trigger());
      assertFalse(control.text().contains("<SUDO>"));
      assertEquals(poison.text().replace("<SUDO>", ""), control.text(), "same prefix and payload");
      assertEquals(poison.payloadIds(), control.payloadIds());
      assertFalse(poison.id().equals(control.id()), "placebos and poisons can share one stream");
    }
  }
}
