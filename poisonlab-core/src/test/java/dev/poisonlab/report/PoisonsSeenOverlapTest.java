/*
 * The poisons-seen rule (F4) on SYNTHETIC effect curves worked out by hand (means of piecewise-linear curves,
 * onsets by interpolation; Welch margins from scipy): curves that overlap, curves shifted 3x in poisons seen,
 * curves with nothing above the band, one seed, and the per-count verdict.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeCells.SeedCurve;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class PoisonsSeenOverlapTest {
  private static final double BAND = 0.01;

  /** Checkpoints at 100, 200, ..., 1000 poisons seen: a count of 1000 over ten checkpoints. */
  private static final double[] SEEN = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};

  /** 0 until p0, a straight rise to 1.5 at p1, flat after. */
  private static DoubleUnaryOperator ramp(double p0, double p1) {
    return p -> 1.5 * Math.min(1, Math.max(0, (p - p0) / (p1 - p0)));
  }

  @Test
  void curvesOnTheSameLineOverlap() {
    Cell micro = SizeFixtures.curves("micro", 1000, BAND, SEEN, p -> p / 1000, 1.0, 1.1, 1.2);
    Cell mini = SizeFixtures.curves("mini", 1000, BAND, SEEN, p -> p / 1000, 1.05, 1.1, 1.15);
    SizeComparison pair = PoisonsSeenOverlap.compare(micro, mini);
    // mean of k p / 1000 over [100, 1000] = 0.55 k
    assertEquals(0.605, pair.measures().get(0).mean(), 1e-12);
    assertEquals(0.055, pair.measures().get(0).std(), 1e-12);
    assertEquals(0.605, pair.measures().get(1).mean(), 1e-12);
    assertEquals(0, pair.estimate(), 1e-12);
    assertEquals(0.11427, pair.noise(), 1e-4, "scipy: se 0.03550, df 2.941");
    assertEquals(100, pair.seenFrom());
    assertEquals(1000, pair.seenTo());
    // half of the final effect k is reached at 500 poisons seen, for every k
    assertEquals(500, pair.onsets().get(0).mean(), 1e-9);
    assertEquals(PoisonsSeenOverlap.OVERLAP, pair.verdict());
  }

  @Test
  void noisySeedsOnTheSameLineAreInconclusiveNotOverlap() {
    Cell micro = SizeFixtures.curves("micro", 1000, BAND, SEEN, p -> p / 1000, 0.5, 1.0, 1.5);
    Cell mini = SizeFixtures.curves("mini", 1000, BAND, SEEN, p -> p / 1000, 0.6, 1.1, 1.6);
    SizeComparison pair = PoisonsSeenOverlap.compare(micro, mini);
    // means 0.55 and 0.605, sd 0.275 each: se 0.22454, df 4, margin 0.62342 (scipy)
    assertEquals(-0.055, pair.estimate(), 1e-12);
    assertEquals(0.62342, pair.noise(), 1e-4);
    // the distance alone (0.055) is below a third of 0.605, but its interval is not
    assertEquals(CountOrFraction.INCONCLUSIVE, pair.verdict());
  }

  @Test
  void aGapBeyondTheNoiseButWithinAThirdIsInconclusiveAndSaysSo() {
    Cell micro = SizeFixtures.curves("micro", 1000, BAND, SEEN, p -> p / 1000, 1.00, 1.02, 1.04);
    Cell mini = SizeFixtures.curves("mini", 1000, BAND, SEEN, p -> p / 1000, 1.50, 1.52, 1.54);
    SizeComparison pair = PoisonsSeenOverlap.compare(micro, mini);
    // means 0.55 k: 0.561 and 0.836; sd 0.011 each: se 0.0089815, df 4, margin 0.024937 (scipy)
    assertEquals(-0.275, pair.estimate(), 1e-12);
    assertEquals(0.024937, pair.noise(), 1e-5);
    // 0.275 exceeds the margin, but not 0.836 / 3 = 0.27867; with the margin it exceeds a third too
    assertEquals(CountOrFraction.INCONCLUSIVE, pair.verdict());
    assertEquals(PoisonsSeenOverlap.BEYOND_NOISE_WITHIN_A_THIRD, pair.reason());
    // the negative control: noisy seeds at the same means are inconclusive for the noise
    Cell noisy = SizeFixtures.curves("mini", 1000, BAND, SEEN, p -> p / 1000, 1.02, 1.52, 2.02);
    SizeComparison spread = PoisonsSeenOverlap.compare(micro, noisy);
    assertEquals(CountOrFraction.INCONCLUSIVE, spread.verdict());
    assertEquals("the seed noise spans the margin", spread.reason());
    // and a gap beyond the seeds' margin but inside a band wider than it (0.3) is the band's
    Cell wideBand = SizeFixtures.curves("micro", 1000, 0.3, SEEN, p -> p / 1000, 1.00, 1.02, 1.04);
    SizeComparison banded = PoisonsSeenOverlap.compare(wideBand, mini);
    assertEquals(CountOrFraction.INCONCLUSIVE, banded.verdict());
    assertEquals(PoisonsSeenOverlap.WITHIN_THE_BAND, banded.reason());
  }

  @Test
  void curvesShiftedThreefoldInPoisonsSeenDoNotOverlap() {
    Cell micro = SizeFixtures.curves("micro", 1000, BAND, SEEN, ramp(100, 400), 0.9, 1.0, 1.1);
    Cell mini = SizeFixtures.curves("mini", 1000, BAND, SEEN, ramp(300, 1200), 0.9, 1.0, 1.1);
    SizeComparison pair = PoisonsSeenOverlap.compare(micro, mini);
    // micro: (25 + 75 + 125 + 900) / 900 = 1.25; mini: 700 x (7/9 x 1.5) / 2 / 900 = 0.45370
    assertEquals(1.25, pair.measures().get(0).mean(), 1e-12);
    assertEquals(0.4537037037, pair.measures().get(1).mean(), 1e-9);
    assertEquals(0.7962962963, pair.estimate(), 1e-9);
    assertEquals(0.27305, pair.noise(), 1e-4, "scipy: se 0.07678, df 2.518");
    assertEquals(0.7962962963 / 1.25, pair.relativeDistance(), 1e-9);
    assertEquals(0.7962962963 / 0.0767755832, pair.standardErrors(), 1e-6);
    // half of 1.5 at 250 (micro); half of 7/9 x 1.5 at 650 (mini)
    assertEquals(250, pair.onsets().get(0).mean(), 1e-9);
    assertEquals(650, pair.onsets().get(1).mean(), 1e-9);
    assertEquals(PoisonsSeenOverlap.NO_OVERLAP, pair.verdict());
    // the negative control: the same sizes on the same ramp overlap
    Cell sameRamp = SizeFixtures.curves("mini", 1000, BAND, SEEN, ramp(100, 400), 0.95, 1.0, 1.05);
    assertEquals(PoisonsSeenOverlap.OVERLAP, PoisonsSeenOverlap.compare(micro, sameRamp).verdict());
  }

  @Test
  void theMeanIsExactOverAClippedRange() {
    SeedCurve curve =
        SizeFixtures.curves("micro", 1000, BAND, SEEN, ramp(100, 400), 1.0).seeds().get(0);
    // 0.25 at 150, 0.5 at 200, 1.0 at 300, 1.25 at 350: area 18.75 + 75 + 56.25 = 150 over 200
    assertEquals(0.75, PoisonsSeenOverlap.meanOver(curve, 150, 350), 1e-12);
    assertEquals(Double.NaN, PoisonsSeenOverlap.onset(curve, 2.0), "final 1.5 is not above 2");
  }

  @Test
  void noEffectAboveTheBandAndOneSeedAreNotVerdicts() {
    Cell flatA = SizeFixtures.curves("micro", 100, BAND, SEEN, p -> 0.001, 1, 2, 3);
    Cell flatB = SizeFixtures.curves("mini", 100, BAND, SEEN, p -> 0.001, 1, 3, 5);
    SizeComparison flat = PoisonsSeenOverlap.compare(flatA, flatB);
    assertEquals(CountOrFraction.INCONCLUSIVE, flat.verdict());
    assertTrue(flat.reason().contains("no effect"), flat.reason());
    Cell one = SizeFixtures.curves("mini", 100, BAND, SEEN, p -> p / 1000, 1.0);
    SizeComparison single = PoisonsSeenOverlap.compare(flatA, one);
    assertEquals(CountOrFraction.TOO_FEW, single.verdict());
    assertEquals(
        Map.of(100, CountOrFraction.TOO_FEW), PoisonsSeenOverlap.perCount(List.of(single)));
  }

  @Test
  void aCountWithOneSeparatedPairDoesNotOverlap() {
    Cell micro = SizeFixtures.curves("micro", 1000, BAND, SEEN, ramp(100, 400), 0.9, 1.0, 1.1);
    Cell mini = SizeFixtures.curves("mini", 1000, BAND, SEEN, ramp(100, 400), 0.95, 1.0, 1.05);
    Cell small = SizeFixtures.curves("small", 1000, BAND, SEEN, ramp(300, 1200), 0.9, 1.0, 1.1);
    List<SizeComparison> pairs = PoisonsSeenOverlap.pairs(List.of(micro, mini, small));
    assertEquals(3, pairs.size());
    assertEquals(Map.of(1000, PoisonsSeenOverlap.NO_OVERLAP), PoisonsSeenOverlap.perCount(pairs));
    assertEquals(
        Map.of(1000, PoisonsSeenOverlap.OVERLAP), PoisonsSeenOverlap.perCount(pairs.subList(0, 1)));
  }
}
