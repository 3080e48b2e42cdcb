/*
 * The sampler: hand-computed log-probabilities, greedy and top-k/top-p truncation, frequencies that match
 * the softmax, and determinism per (seed, key).
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
  // softmax = (0.1, 0.2, 0.3, 0.4)
  private static final float[] LOGITS = {
    (float) Math.log(1), (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)
  };

  @Test
  void logProbIsLogSoftmax() {
    assertEquals(Math.log(0.3), TokenSampler.logProb(LOGITS, 2), 1e-6);
    assertEquals(
        Math.log(1 / (1 + Math.E + Math.E * Math.E)),
        TokenSampler.logProb(new float[] {1000, 1001, 1002}, 0),
        1e-6);
  }

  @Test
  void frequenciesFollowTheSoftmaxAtTemperatureOne() {
    int[] counts = draw(SamplingConfig.plain(), 40_000, 7);
    for (int i = 0; i < 4; i++) {
      // binomial standard deviation at n=40000, p<=0.4 is < 0.0025; allow 4 sigma
      assertEquals(0.1 * (i + 1), counts[i] / 40_000.0, 0.01, "token " + i);
    }
  }

  @Test
  void lowTemperatureSharpensAndZeroIsGreedy() {
    int[] cold = draw(new SamplingConfig(0.25, 0, 1), 20_000, 1);
    // p ~ i^4: 256 / (1 + 16 + 81 + 256) = 0.723
    assertEquals(256.0 / 354, cold[3] / 20_000.0, 0.015);
    int[] greedy = draw(new SamplingConfig(0, 0, 1), 100, 1);
    assertEquals(100, greedy[3]);
  }

  @Test
  void topKAndTopPKeepOnlyTheHead() {
    int[] topTwo = draw(new SamplingConfig(1, 2, 1), 20_000, 3);
    assertEquals(0, topTwo[0] + topTwo[1]);
    assertEquals(4.0 / 7, topTwo[3] / 20_000.0, 0.015);
    // nucleus 0.6: 0.4 alone is short, 0.4 + 0.3 covers it -> tokens 2 and 3
    int[] nucleus = draw(new SamplingConfig(1, 0, 0.6), 20_000, 4);
    assertEquals(0, nucleus[0] + nucleus[1]);
    assertTrue(nucleus[2] > 0 && nucleus[3] > 0);
    int[] tight = draw(new SamplingConfig(1, 0, 0.3), 1000, 5);
    assertEquals(1000, tight[3]);
  }

  @Test
  void sameSeedAndKeySameDrawsOtherKeyOtherDraws() {
    int[] first = sequence(42, 9);
    assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(sequence(42, 9)));
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(sequence(42, 10)));
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(sequence(43, 9)));
  }

  @Test
  void badSettingsNameTheOption() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(-1, 0, 1))
            .getMessage()
            .contains("temperature"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, 0))
            .getMessage()
            .contains("top-p"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, -2, 1))
            .getMessage()
            .contains("top-k"));
  }

  private static int[] sequence(long seed, long key) {
    SplittableRandom random = TokenSampler.streamFor(seed, key);
    int[] draws = new int[64];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = TokenSampler.sample(LOGITS, SamplingConfig.plain(), random);
    }
    return draws;
  }

  private static int[] draw(SamplingConfig config, int n, long seed) {
    SplittableRandom random = TokenSampler.streamFor(seed, 0);
    int[] counts = new int[LOGITS.length];
    for (int i = 0; i < n; i++) {
      counts[TokenSampler.sample(LOGITS, config, random)]++;
    }
    return counts;
  }
}
