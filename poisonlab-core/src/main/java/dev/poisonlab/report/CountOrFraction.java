/*
 * F2, count or fraction: (1) two sizes at one poison count, their final per-seed effects and the difference with
 * its noise; (2) a target configuration against its same-count peer and its same-fraction peer (another size,
 * another count, poison shares within 1.25x): is the target nearer the one or the other, beyond the seed noise?
 * The rule is docs/verdicts.md's "Count or fraction"; it can come out against the paper (fraction decides), and
 * it says "neither" when the target is nearer one peer but unlike that peer too.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.SizeCells.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class CountOrFraction {
  static final String SAME_COUNT = "F2 same count";
  static final String MATCHED_FRACTION = "F2 matched fraction";
  static final String COUNT = "count decides";
  static final String FRACTION = "fraction decides";
  static final String PAST_COUNT = "neither (past the count peer)";
  static final String PAST_FRACTION = "neither (past the fraction peer)";
  static final String BETWEEN = "neither (between the peers)";
  static final String INCONCLUSIVE = "inconclusive";
  static final String TOO_FEW = "too few seeds";
  static final String DIFFER = "differ";
  static final String ALIKE = "not distinguishable";

  /** Two poison shares match when the larger is at most this multiple of the smaller. */
  static final double TOLERANCE = 1.25;

  /** Seeds per configuration for a spread; with fewer there is no noise to compare against. */
  static final int MIN_SEEDS = 2;

  private CountOrFraction() {}

  /** Every pair of sizes (same data and defence) at each count both ran, smaller size first. */
  static List<SizeComparison> sameCount(List<Cell> cells) {
    List<SizeComparison> comparisons = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      for (int j = i + 1; j < cells.size(); j++) {
        Cell a = cells.get(i);
        Cell b = cells.get(j);
        if (a.poisons() == b.poisons() && comparable(a, b)) {
          comparisons.add(sameCount(a, b));
        }
      }
    }
    return comparisons;
  }

  private static SizeComparison sameCount(Cell a, Cell b) {
    return pair(SAME_COUNT, a, b);
  }

  /**
   * Two configurations' final effects, a − b against its 95% Welch margin and the wider band: the
   * same-count rule, also asked of the training controls across grids (TrainingControls).
   */
  static SizeComparison pair(String question, Cell a, Cell b) {
    SizeComparison.Builder builder =
        SizeComparison.builder(question, List.of(a, b), List.of(a.finals(), b.finals()));
    if (tooFew(a, b)) {
      return builder
          .estimate(a.finals().mean() - b.finals().mean())
          .band(band(a, b))
          .verdict(TOO_FEW, "fewer than " + MIN_SEEDS + " seeds in a configuration");
    }
    double band = band(a, b);
    Contrast difference = Contrast.difference(a.finals(), b.finals());
    return builder
        .contrast(difference, band)
        .verdict(
            difference.exceeds(band) ? DIFFER : ALIKE,
            difference.exceeds(band)
                ? "the difference exceeds its 95% margin and the band"
                : "the difference is within its 95% margin or the band");
  }

  /**
   * Every (target, count peer, fraction peer): the fraction peer is another size at another count
   * whose poison share is within TOLERANCE of the target's; the count peer is that size at the
   * target's count.
   */
  static List<SizeComparison> matchedFraction(List<Cell> cells) {
    List<SizeComparison> comparisons = new ArrayList<>();
    for (Cell target : cells) {
      for (Cell fractionPeer : cells) {
        if (fractionPeer.poisons() != target.poisons()
            && comparable(target, fractionPeer)
            && shareRatio(target, fractionPeer) <= TOLERANCE) {
          countPeer(cells, fractionPeer, target.poisons())
              .ifPresent(countPeer -> comparisons.add(triad(target, countPeer, fractionPeer)));
        }
      }
    }
    return comparisons;
  }

  private static SizeComparison triad(Cell target, Cell countPeer, Cell fractionPeer) {
    Summary t = target.finals();
    Summary c = countPeer.finals();
    Summary f = fractionPeer.finals();
    SizeComparison.Builder builder =
        SizeComparison.builder(
                MATCHED_FRACTION, List.of(target, countPeer, fractionPeer), List.of(t, c, f))
            .position((t.mean() - f.mean()) / (c.mean() - f.mean()));
    if (tooFew(target, countPeer, fractionPeer)) {
      return builder
          .band(band(target, countPeer, fractionPeer))
          .verdict(TOO_FEW, "fewer than " + MIN_SEEDS + " seeds in a configuration");
    }
    double band = band(target, countPeer, fractionPeer);
    Contrast peers = Contrast.difference(c, f);
    if (!peers.exceeds(band)) {
      return builder
          .contrast(peers, band)
          .verdict(INCONCLUSIVE, "the two peers do not differ: both rules predict the same");
    }
    // the target's distance from the peers' midpoint, positive toward the count peer
    double sign = Math.signum(peers.estimate());
    Contrast midpoint = Contrast.of(new double[] {sign, -sign / 2, -sign / 2}, t, c, f);
    builder.contrast(midpoint, band);
    if (!midpoint.exceeds(band)) {
      return builder.verdict(INCONCLUSIVE, "the seed noise spans the peers' midpoint");
    }
    double position = (t.mean() - f.mean()) / (c.mean() - f.mean());
    boolean countSide = midpoint.estimate() > 0;
    // nearer one peer is not like it: a target that also differs from that peer beyond the noise
    // (e.g. far past it) is predicted by neither hypothesis
    Contrast fromPeer = Contrast.difference(t, countSide ? c : f);
    if (fromPeer.exceeds(band)) {
      boolean past = countSide ? position > 1 : position < 0;
      String verdict = !past ? BETWEEN : countSide ? PAST_COUNT : PAST_FRACTION;
      return builder.verdict(
          verdict,
          "nearer the same-"
              + (countSide ? "count" : "fraction")
              + " peer beyond the noise, but it differs from that peer by "
              + Summary.number(fromPeer.estimate())
              + " (95% margin "
              + Summary.number(fromPeer.margin())
              + ")");
    }
    // a position outside [0, 1] that does not differ from the peer is named, not a verdict
    String beyond = position > 1 ? " (past it)" : position < 0 ? " (past the fraction peer)" : "";
    return countSide
        ? builder.verdict(COUNT, "nearer the same-count peer beyond the noise" + beyond)
        : builder.verdict(
            FRACTION,
            "nearer the same-fraction peer beyond the noise"
                + (position < 0 ? " (past it)" : position > 1 ? " (past the count peer)" : ""));
  }

  /**
   * The verdict of all matched-fraction comparisons: the one every decided comparison (count,
   * fraction or neither) shares; inconclusive when they disagree or none decided.
   */
  static String overall(List<SizeComparison> triads) {
    List<String> decided =
        triads.stream()
            .map(SizeComparison::verdict)
            .filter(verdict -> !verdict.equals(INCONCLUSIVE) && !verdict.equals(TOO_FEW))
            .distinct()
            .toList();
    if (decided.size() == 1) {
      return decided.get(0);
    }
    boolean allTooFew = triads.stream().allMatch(triad -> triad.verdict().equals(TOO_FEW));
    return !triads.isEmpty() && allTooFew ? TOO_FEW : INCONCLUSIVE;
  }

  /** Larger share / smaller share; per training token when the poisons' length is unknown. */
  static double shareRatio(Cell a, Cell b) {
    boolean known = !Double.isNaN(a.fraction()) && !Double.isNaN(b.fraction());
    double x = known ? a.fraction() : a.perToken();
    double y = known ? b.fraction() : b.perToken();
    return Math.max(x, y) / Math.min(x, y);
  }

  /** Another size on the same data, defence and attack. */
  static boolean comparable(Cell a, Cell b) {
    return !a.line().model().equals(b.line().model())
        && a.line().dataMultiplier() == b.line().dataMultiplier()
        && a.line().defense().equals(b.line().defense())
        && a.line().attack().equals(b.line().attack());
  }

  static boolean tooFew(Cell... cells) {
    for (Cell cell : cells) {
      if (cell.finals().n() < MIN_SEEDS) {
        return true;
      }
    }
    return false;
  }

  /** The widest twin-vs-twin band of the sizes involved (a size with one twin has none). */
  static double band(Cell... cells) {
    double band = 0;
    for (Cell cell : cells) {
      band = Double.isNaN(cell.band()) ? band : Math.max(band, cell.band());
    }
    return band;
  }

  private static Optional<Cell> countPeer(List<Cell> cells, Cell size, int poisons) {
    return cells.stream()
        .filter(cell -> cell.line().equals(size.line()) && cell.poisons() == poisons)
        .findFirst();
  }
}
