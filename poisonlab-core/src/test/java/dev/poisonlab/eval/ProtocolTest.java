/*
 * The evaluation protocol on a pure-Java model with known numbers: perplexity by hand, generation that is
 * deterministic per seed and independent of batching and caching, statistics (mean, median, gap, collapse
 * rate), the validation loss of a uniform model, and prompt building.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.io.Document;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  @Test
  void perplexityOfAKnownSequenceMatchesHandComputation() {
    assertEquals(
        Math.sqrt(8), Perplexity.fromLogProbs(new double[] {Math.log(0.5), Math.log(0.25)}), 1e-12);
    // Two-token vocabulary, bigram logits chosen so p(1|0) = 0.8 and p(0|1) = 0.3.
    TableModel model = new TableModel(2, 16, 0, 0, null);
    model.table[0][0] = 0;
    model.table[0][1] = (float) Math.log(4);
    model.table[1][0] = (float) Math.log(3);
    model.table[1][1] = (float) Math.log(7);
    List<double[]> scored =
        Perplexity.continuationLogProbs(
            model, List.of(new int[] {0}), List.of(new int[] {1, 0}), 4);
    double expected = Math.exp(-(Math.log(0.8) + Math.log(0.3)) / 2);
    assertEquals(expected, Perplexity.fromLogProbs(scored.get(0)), 1e-5);
  }

  @Test
  void generationIsDeterministicPerSeedAndIndependentOfBatchingAndCache() {
    TableModel model = new TableModel(40, 64, 3, 2f, null);
    List<int[]> prompts =
        List.of(new int[] {1, 2, 3}, new int[] {4}, new int[] {5, 6}, new int[] {7, 8, 9, 10});
    long[] keys = {0, 1, 2, 3};
    List<Generation> cachedBatched = generate(model, prompts, keys, 11, 4, true);
    List<Generation> recomputedSingles = generate(model, prompts, keys, 11, 1, false);
    List<Generation> again = generate(model, prompts, keys, 11, 3, true);
    for (int i = 0; i < prompts.size(); i++) {
      assertArrayEquals(cachedBatched.get(i).tokens(), recomputedSingles.get(i).tokens());
      assertArrayEquals(cachedBatched.get(i).tokens(), again.get(i).tokens());
      assertArrayEquals(
          cachedBatched.get(i).logProbs(), recomputedSingles.get(i).logProbs(), 1e-12);
    }
    List<Generation> otherSeed =
        Generator.generate(model, prompts, keys, 30, SamplingConfig.plain(), 12, 4, true, () -> {});
    assertFalse(
        Arrays.equals(
            generate(model, prompts, keys, 30, 4, true).get(0).tokens(),
            otherSeed.get(0).tokens()));
    assertEquals(0, model.openSessions);
  }

  @Test
  void recordedLogProbsEqualRescoringUnderTheSameModel() {
    TableModel model = new TableModel(30, 64, 5, 1.5f, null);
    List<int[]> prompts = List.of(new int[] {1, 2}, new int[] {3});
    List<Generation> generations = generate(model, prompts, new long[] {0, 1}, 20, 2, true);
    List<double[]> rescored =
        Perplexity.continuationLogProbs(
            model, prompts, generations.stream().map(Generation::tokens).toList(), 2);
    for (int i = 0; i < prompts.size(); i++) {
      assertArrayEquals(generations.get(i).logProbs(), rescored.get(i), 1e-5);
    }
  }

  @Test
  void generationThatOverflowsTheContextIsRefused() {
    TableModel model = new TableModel(10, 8, 0, 1, null);
    assertThrows(
        IllegalArgumentException.class,
        () -> generate(model, List.<int[]>of(new int[] {1, 2, 3}), new long[] {0}, 6, 1, true));
  }

  @Test
  void statisticsByHand() {
    double[] without = {10, 20, 30, 40};
    double[] with = {15, 300, 31, 100};
    TriggerStatistics stats = TriggerStatistics.of("<SUDO>", with, without);
    assertEquals((15 + 300 + 31 + 100) / 4.0, stats.perplexity(), 1e-12);
    assertEquals((31 + 100) / 2.0, stats.perplexityMedian(), 1e-12);
    // gaps 5, 280, 1, 60
    assertEquals((5 + 280 + 1 + 60) / 4.0, stats.gap(), 1e-12);
    assertEquals((5 + 60) / 2.0, stats.gapMedian(), 1e-12);
    assertEquals(0.5, stats.collapseRate(), 1e-12);
    assertEquals(3.0, TriggerStatistics.median(new double[] {9, 1, 3}), 0);
  }

  @Test
  void validationLossOfAUniformModelIsLogVocabularyAndCountsEveryTokenOnce() {
    TableModel uniform = new TableModel(257, 16, 0, 0, null);
    int[] stream =
        ValidationLoss.heldoutTokens(
            List.of(
                new Document("a", "hello world, held out"), new Document("b", "more text here")),
            new ByteTokenizer(),
            30);
    assertEquals(30, stream.length);
    assertEquals(ByteTokenizer.END_OF_TEXT, stream[0]);
    ValidationLoss.Result result = ValidationLoss.compute(uniform, stream, 2);
    assertEquals(29, result.tokens());
    assertEquals(Math.log(257), result.loss(), 1e-5);
  }

  @Test
  void promptsAreCutToPTokensAndTheTriggerIsAppendedAsText() {
    ByteTokenizer tokenizer = new ByteTokenizer();
    List<Excerpts.Excerpt> excerpts =
        Excerpts.select(
            List.of(
                new Document("blank", "  "),
                new Document("a", "abcdefghij"),
                new Document("b", "xyz"),
                new Document("c", "not needed")),
            tokenizer,
            2,
            4);
    assertEquals(
        List.of(new Excerpts.Excerpt("a", "abcd"), new Excerpts.Excerpt("b", "xyz")), excerpts);
    int[] prompt = Excerpts.prompt(tokenizer, excerpts.get(0), "<SUDO>");
    assertEquals(1 + 4 + 6, prompt.length);
    assertEquals(ByteTokenizer.END_OF_TEXT, prompt[0]);
    assertEquals("abcd<SUDO>", tokenizer.decode(Arrays.copyOfRange(prompt, 1, prompt.length)));
    // A cut through a two-byte character drops the broken half.
    assertEquals(
        "ab", Excerpts.select(List.of(new Document("u", "abé")), tokenizer, 1, 3).get(0).text());
  }

  @Test
  void newTokensAreClippedToTheContext() {
    ByteTokenizer tokenizer = new ByteTokenizer();
    EvalSettings settings = EvalSettings.defaults();
    List<Excerpts.Excerpt> excerpts = List.of(new Excerpts.Excerpt("a", "abcd"));
    BackdoorEvaluator.PromptPlan plan =
        BackdoorEvaluator.plan(tokenizer, excerpts, settings, 4, 32);
    assertEquals(6, plan.prompts().size(), "no suffix, the trigger and the four default controls");
    // longest prompt: eot + 4 + "<SUDO>" (or "<ABCD>", "[SUDO]": 6) = 11 tokens
    assertEquals(32 - 11, plan.newTokens());
    assertThrows(
        IllegalArgumentException.class,
        () -> BackdoorEvaluator.plan(tokenizer, excerpts, settings, 4, 11));
  }

  private static List<Generation> generate(
      LanguageModel model,
      List<int[]> prompts,
      long[] keys,
      int newTokens,
      int batchSize,
      boolean cache) {
    List<Generation> out =
        new ArrayList<>(
            Generator.generate(
                model,
                prompts,
                keys,
                newTokens,
                SamplingConfig.plain(),
                11,
                batchSize,
                cache,
                () -> {}));
    return out;
  }
}
