/*
 * The DJL implementation: KV-cached decoding gives the logits of a full recompute (within 1e-4), the composed
 * forward equals the model's own, padding does not change a row's numbers, scoring matches a log-softmax of the
 * model's logits, a zero model's perplexity is exactly the vocabulary size, generation is deterministic per
 * seed, and decoding leaks no native arrays.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GptLanguageModelTest {
  private static final GptConfig CONFIG = new GptConfig(61, 32, 2, 2, 32);

  /**
   * GPT-2 initialisation gives near-uniform logits; scaled weights make the comparisons meaningful.
   */
  private static GptLanguageModel sharpModel(long seed) {
    GptModel model = GptModel.create(CONFIG, seed, Device.cpu());
    model
        .parameters()
        .forEach(
            (name, parameter) -> {
              if (name.endsWith("weight") && !name.contains("ln_")) {
                parameter.getArray().muli(20);
              }
            });
    return new GptLanguageModel(model);
  }

  private static int[] randomIds(int count, long seed) {
    Random random = new Random(seed);
    return random.ints(count, 0, CONFIG.vocabSize()).toArray();
  }

  @Test
  void kvCacheLogitsEqualFullRecomputeWithin1e4() {
    try (GptLanguageModel model = sharpModel(1)) {
      int[][] prompts = {randomIds(5, 1), randomIds(9, 2), randomIds(1, 3)};
      int[][] grown = Arrays.stream(prompts).map(int[]::clone).toArray(int[][]::new);
      double spread = 0;
      try (LanguageModel.DecodingSession session = model.startDecoding(prompts)) {
        float[][] cached = session.logits();
        for (int step = 0; step < 20; step++) {
          float[][] recomputed = model.nextTokenLogits(grown);
          for (int r = 0; r < prompts.length; r++) {
            assertArrayEquals(recomputed[r], cached[r], 1e-4f, "row " + r + " step " + step);
            spread = Math.max(spread, std(cached[r]));
          }
          int[] next = new int[prompts.length];
          for (int r = 0; r < next.length; r++) {
            next[r] = TokenSampler.argmax(cached[r]) ^ (step & 1);
            grown[r] = Perplexity.concat(grown[r], new int[] {next[r]});
          }
          cached = session.append(next);
        }
      }
      assertTrue(spread > 1, "logits too flat for the comparison to mean anything: std " + spread);
    }
  }

  @Test
  void composedForwardEqualsTheModelsOwnAndPaddingChangesNothing() {
    try (GptLanguageModel model = sharpModel(2)) {
      GptModel raw = GptModel.create(CONFIG, 2, Device.cpu());
      raw.parameters()
          .forEach(
              (name, parameter) -> {
                if (name.endsWith("weight") && !name.contains("ln_")) {
                  parameter.getArray().muli(20);
                }
              });
      int[] ids = randomIds(12, 5);
      float[] reference;
      try (NDManager scope = raw.manager().newSubManager()) {
        reference = raw.logits(GptModel.tokens(scope, ids, 1, ids.length), false).toFloatArray();
      } finally {
        raw.close();
      }
      int vocab = CONFIG.vocabSize();
      float[] lastReference =
          Arrays.copyOfRange(reference, (ids.length - 1) * vocab, ids.length * vocab);
      assertArrayEquals(lastReference, model.nextTokenLogits(new int[][] {ids})[0], 1e-5f);
      float[] padded =
          model.nextTokenLogits(new int[][] {randomIds(30, 6), ids, randomIds(3, 7)})[1];
      assertArrayEquals(lastReference, padded, 1e-5f);

      float[] scored = model.tokenLogProbs(new int[][] {randomIds(20, 8), ids})[1];
      assertEquals(ids.length - 1, scored.length);
      for (int t = 0; t + 1 < ids.length; t++) {
        float[] row = Arrays.copyOfRange(reference, t * vocab, (t + 1) * vocab);
        assertEquals(TokenSampler.logProb(row, ids[t + 1]), scored[t], 1e-4, "position " + t);
      }
    }
  }

  @Test
  void perplexityUnderAZeroModelIsTheVocabularySize() {
    GptModel zero = GptModel.create(CONFIG, 0, Device.cpu());
    zero.parameters().values().forEach(parameter -> parameter.getArray().muli(0));
    try (GptLanguageModel model = new GptLanguageModel(zero)) {
      List<double[]> logProbs =
          Perplexity.continuationLogProbs(
              model, List.of(randomIds(4, 1)), List.of(randomIds(10, 2)), 4);
      assertEquals(CONFIG.vocabSize(), Perplexity.fromLogProbs(logProbs.get(0)), 1e-3);
    }
  }

  @Test
  void generationIsDeterministicPerSeedWithAndWithoutCache() {
    try (GptLanguageModel model = sharpModel(3)) {
      List<int[]> prompts = List.of(randomIds(4, 1), randomIds(7, 2), randomIds(2, 3));
      long[] keys = {0, 1, 2};
      long arraysBefore = model.nativeArrayCount();
      List<Generation> first =
          Generator.generate(
              model, prompts, keys, 16, SamplingConfig.plain(), 9, 3, true, () -> {});
      assertEquals(arraysBefore, model.nativeArrayCount(), "decoding leaked native arrays");
      List<Generation> again =
          Generator.generate(
              model, prompts, keys, 16, SamplingConfig.plain(), 9, 2, true, () -> {});
      List<Generation> recomputed =
          Generator.generate(
              model, prompts, keys, 16, SamplingConfig.plain(), 9, 3, false, () -> {});
      List<Generation> otherSeed =
          Generator.generate(
              model, prompts, keys, 16, SamplingConfig.plain(), 10, 3, true, () -> {});
      for (int i = 0; i < prompts.size(); i++) {
        assertArrayEquals(first.get(i).tokens(), again.get(i).tokens());
        assertArrayEquals(first.get(i).tokens(), recomputed.get(i).tokens());
        assertArrayEquals(first.get(i).logProbs(), recomputed.get(i).logProbs(), 1e-4);
      }
      assertFalse(Arrays.equals(first.get(1).tokens(), otherSeed.get(1).tokens()));
    }
  }

  private static double std(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }
}
