/*
 * The count-or-fraction rule (F2) on SYNTHETIC per-seed effects whose numbers were worked out by hand (and with
 * scipy's Welch t): a grid where the count decides, one where the fraction decides, one whose seed noise spans
 * both peers, peers that do not differ, one seed, the share tolerance that picks the peers, and targets nearer
 * one peer but unlike it too (neither).
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.report.SizeCells.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountOrFractionTest {
  private static final double BAND = 0.01;

  /**
   * micro (1M training tokens) at 250, 300 and 1000 poisons, mini (3M) at 1000; 100 tokens per
   * poison: micro 300 = 3%, mini 1000 = 3.33% (ratio 1.11, matched), micro 250 = 2.5% (ratio 1.33,
   * not matched), micro 1000 = 10%.
   */
  static List<Cell> grid(double[] micro300, double[] micro1000, double... mini1000) {
    return List.of(
        micro(250, 0.1, 0.2, 0.3),
        micro(300, micro300),
        micro(1000, micro1000),
        SizeFixtures.finals("mini", 3000, 1000, 3e6, 100, BAND, mini1000));
  }

  static Cell micro(int poisons, double... finals) {
    return SizeFixtures.finals("micro", 1000, poisons, 1e6, 100, BAND, finals);
  }

  private static final double[] MICRO_300 = {0.1, 0.2, 0.3};
  private static final double[] MICRO_1000 = {1.4, 1.6, 1.8};

  @Test
  void countDecidesWhenTheTargetSitsWithItsSameCountPeer() {
    List<Cell> cells = grid(MICRO_300, MICRO_1000, 1.3, 1.5, 1.7);
    List<SizeComparison> triads = CountOrFraction.matchedFraction(cells);
    assertEquals(1, triads.size(), "micro 250 (1.33x) is no fraction peer; micro 300 (1.11x) is");
    SizeComparison triad = triads.get(0);
    assertEquals(List.of("mini at 1000", "micro at 1000", "micro at 300"), labels(triad));
    assertEquals(0.6, triad.estimate(), 1e-12, "1.5 - (1.6 + 0.2) / 2");
    // scipy: se 0.13229, Welch df 3.2308, t(0.975) x se = 0.40449
    assertEquals(0.40449, triad.noise(), 1e-4);
    assertEquals(1.3 / 1.4, triad.position(), 1e-12);
    assertEquals(CountOrFraction.COUNT, triad.verdict());
    assertEquals(CountOrFraction.COUNT, CountOrFraction.overall(triads));
    assertEquals(10.0 / 9, CountOrFraction.shareRatio(cells.get(3), cells.get(1)), 1e-12);
    assertEquals(4.0 / 3, CountOrFraction.shareRatio(cells.get(3), cells.get(0)), 1e-12);
  }

  @Test
  void fractionDecidesWhenTheTargetSitsWithItsSameFractionPeer() {
    SizeComparison triad =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 0.15, 0.25, 0.35)).get(0);
    assertEquals(-0.65, triad.estimate(), 1e-12);
    assertEquals(0.22386, triad.noise(), 1e-4, "scipy: se 0.08660, df 4.909");
    assertEquals(0.05 / 1.4, triad.position(), 1e-12);
    assertEquals(CountOrFraction.FRACTION, triad.verdict());
  }

  @Test
  void noiseSpanningBothPeersIsInconclusive() {
    SizeComparison triad =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 0.5, 1.3, 2.1)).get(0);
    assertEquals(0.4, triad.estimate(), 1e-12);
    assertEquals(1.93585, triad.noise(), 1e-4, "scipy: se 0.46637, df 2.078");
    assertEquals(1.1 / 1.4, triad.position(), 1e-12);
    assertEquals(CountOrFraction.INCONCLUSIVE, triad.verdict());
    // the same mean with the seeds close together decides: the noise, not the mean, made it
    // inconclusive
    SizeComparison tight =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 1.25, 1.3, 1.35)).get(0);
    assertEquals(0.19632, tight.noise(), 1e-4, "scipy: se 0.07071, df 4");
    assertEquals(CountOrFraction.COUNT, tight.verdict());
    assertEquals("nearer the same-count peer beyond the noise", tight.reason());
  }

  @Test
  void aTargetPastItsCountPeerAndUnlikeItIsNeither() {
    // 2.8 - 1.6 = 1.2; scipy: se 0.16330, df 4, margin 0.45339: it differs from its count peer
    SizeComparison past =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 2.6, 2.8, 3.0)).get(0);
    assertEquals(CountOrFraction.PAST_COUNT, past.verdict());
    assertEquals(2.6 / 1.4, past.position(), 1e-12);
    assertEquals(
        "nearer the same-count peer beyond the noise, but it differs from that peer by 1.20 "
            + "(95% margin 0.453)",
        past.reason());
    assertEquals(CountOrFraction.PAST_COUNT, CountOrFraction.overall(List.of(past)));
    // negative control: past the count peer, but within its noise (2.0 - 1.6 = 0.4 < 0.45): count
    SizeComparison near =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 1.8, 2.0, 2.2)).get(0);
    assertEquals(CountOrFraction.COUNT, near.verdict());
    assertEquals("nearer the same-count peer beyond the noise (past it)", near.reason());
    // negative control: the target that sits with its count peer still reads count decides
    SizeComparison with =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 1.5, 1.6, 1.7)).get(0);
    assertEquals(CountOrFraction.COUNT, with.verdict());
    // a target past one peer and another nearer the same peer do not share a verdict
    assertEquals(CountOrFraction.INCONCLUSIVE, CountOrFraction.overall(List.of(past, with)));
  }

  @Test
  void neitherIsSymmetricAndNamesATargetBetweenThePeers() {
    // below the fraction peer (0.2) beyond the noise: past the fraction peer
    SizeComparison below =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, -1.0, -0.9, -0.8)).get(0);
    assertEquals(CountOrFraction.PAST_FRACTION, below.verdict());
    assertEquals(-1.1 / 1.4, below.position(), 1e-12);
    // nearer the count peer (position 0.79) but tightly unlike it (1.3 vs 1.6, margin 0.023)
    SizeComparison between =
        CountOrFraction.matchedFraction(
                grid(MICRO_300, new double[] {1.59, 1.6, 1.61}, 1.29, 1.3, 1.31))
            .get(0);
    assertEquals(CountOrFraction.BETWEEN, between.verdict());
    assertEquals(1.1 / 1.4, between.position(), 1e-12);
    // negative control: at the fraction peer's mean it reads fraction decides
    SizeComparison at =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 0.1, 0.2, 0.3)).get(0);
    assertEquals(CountOrFraction.FRACTION, at.verdict());
  }

  @Test
  void peersThatDoNotDifferDecideNothing() {
    SizeComparison triad =
        CountOrFraction.matchedFraction(
                grid(MICRO_300, new double[] {0.15, 0.2, 0.25}, 0.2, 0.2, 0.21))
            .get(0);
    assertEquals(CountOrFraction.INCONCLUSIVE, triad.verdict());
    assertEquals("the two peers do not differ: both rules predict the same", triad.reason());
  }

  @Test
  void oneSeedIsTooFewSeedsButKeepsItsNumbers() {
    List<Cell> cells = grid(MICRO_300, MICRO_1000, 0.25);
    SizeComparison triad = CountOrFraction.matchedFraction(cells).get(0);
    assertEquals(CountOrFraction.TOO_FEW, triad.verdict());
    assertEquals(0.25, triad.measures().get(0).mean(), 1e-12);
    assertEquals(0.05 / 1.4, triad.position(), 1e-12);
    assertEquals(CountOrFraction.TOO_FEW, CountOrFraction.overall(List.of(triad)));
    assertEquals(CountOrFraction.TOO_FEW, CountOrFraction.sameCount(cells).get(0).verdict());
  }

  @Test
  void sameCountPairsDifferOnlyBeyondTheirNoise() {
    SizeComparison alike =
        CountOrFraction.sameCount(grid(MICRO_300, MICRO_1000, 1.3, 1.5, 1.7)).get(0);
    assertEquals(List.of("micro at 1000", "mini at 1000"), labels(alike));
    assertEquals(0.1, alike.estimate(), 1e-12);
    assertEquals(0.45339, alike.noise(), 1e-4, "scipy: se 0.16330, df 4");
    assertEquals(CountOrFraction.ALIKE, alike.verdict());
    SizeComparison differ =
        CountOrFraction.sameCount(grid(MICRO_300, MICRO_1000, 0.15, 0.25, 0.35)).get(0);
    assertEquals(1.35, differ.estimate(), 1e-12);
    assertEquals(0.41554, differ.noise(), 1e-4, "scipy: se 0.12910, df 2.941");
    assertEquals(CountOrFraction.DIFFER, differ.verdict());
  }

  @Test
  void decidedComparisonsThatDisagreeAreInconclusiveOverall() {
    SizeComparison count =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 1.3, 1.5, 1.7)).get(0);
    SizeComparison fraction =
        CountOrFraction.matchedFraction(grid(MICRO_300, MICRO_1000, 0.15, 0.25, 0.35)).get(0);
    assertEquals(CountOrFraction.INCONCLUSIVE, CountOrFraction.overall(List.of(count, fraction)));
  }

  static List<String> labels(SizeComparison comparison) {
    return comparison.cells().stream().map(Cell::label).toList();
  }
}
