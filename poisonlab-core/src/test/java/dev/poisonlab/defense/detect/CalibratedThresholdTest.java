/*
 * The corpus-calibrated threshold: Q90 + spreads x (Q90 - Q50) computed exactly, its meaning under an
 * exponential tail (spreads 2 = the 0.4% quantile), and its robustness to poisons at the top of the sample.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratedThresholdTest {
  @Test
  void isTheNinetiethPercentilePlusSpreadsTimesItsDistanceFromTheMedian() {
    double[] scores = new double[101];
    for (int i = 0; i <= 100; i++) {
      scores[100 - i] = i; // order must not matter
    }
    assertEquals(90 + 2 * 40, CalibratedThreshold.of(scores, 2.0), 1e-9);
    assertEquals(90, CalibratedThreshold.of(scores, 0.0), 1e-9);
    assertEquals(0, CalibratedThreshold.of(new double[0], 2.0));
    assertThrows(IllegalArgumentException.class, () -> CalibratedThreshold.of(scores, -1));
  }

  @Test
  void underAnExponentialTailSpreadsTwoIsAboutTheFourPerMilleQuantile() {
    double[] scores = exponential(200_000, 11);
    double threshold = CalibratedThreshold.of(scores, 2.0);
    double exceeding =
        Arrays.stream(scores).filter(score -> score > threshold).count() / (double) scores.length;
    // ln 10 + 2 (ln 10 - ln 2) = 5.52; P(X > 5.52) = 0.0040
    assertEquals(0.0040, exceeding, 0.0005);
  }

  @Test
  void poisonsAtTheTopOfTheSampleMoveItLittle() {
    double[] clean = exponential(20_000, 12);
    double before = CalibratedThreshold.of(clean, 2.0);
    // poisons scoring far above everything: 1% of the sample raise it ~5%, 3% ~15% (a top quantile:
    // 100x)
    assertTrue(
        withPoisons(clean, 0.01) < 1.07 * before, before + " -> " + withPoisons(clean, 0.01));
    assertTrue(
        withPoisons(clean, 0.03) < 1.20 * before, before + " -> " + withPoisons(clean, 0.03));
  }

  private static double withPoisons(double[] clean, double share) {
    int poisons = (int) Math.round(clean.length * share / (1 - share));
    double[] contaminated = Arrays.copyOf(clean, clean.length + poisons);
    Arrays.fill(contaminated, clean.length, contaminated.length, 1e4);
    return CalibratedThreshold.of(contaminated, 2.0);
  }

  private static double[] exponential(int count, long seed) {
    Random random = new Random(seed);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = -Math.log(1 - random.nextDouble());
    }
    return values;
  }
}
