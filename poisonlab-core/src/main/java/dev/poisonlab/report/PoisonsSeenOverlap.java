/*
 * F4, curves against poisons seen: for two sizes at one poison count, each seed's effect curve (nats over its
 * twin, per checkpoint) is interpolated linearly in poisons seen and averaged over the range every seed of both
 * sizes covers; the two sizes' means are compared with Welch's margin, against a third of the larger curve's
 * level. The onset (poisons seen where a seed first reaches half its final effect) is shown beside it.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeCells.SeedCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class PoisonsSeenOverlap {
  static final String QUESTION = "F4 poisons seen";
  static final String OVERLAP = "overlap";
  static final String NO_OVERLAP = "no overlap";

  /**
   * Seeds enough, but not two checkpoints each: on the share of the headroom a snapshot made before
   * session 10 has the twins' per-excerpt files of the last checkpoint only, so there is no curve
   * to compare.
   */
  static final String TOO_FEW_CHECKPOINTS = "too few checkpoints";

  /**
   * Why an inconclusive pair is not noise: the curves differ beyond their margin, but by less than
   * the third of the level that `no overlap` asks for.
   */
  static final String BEYOND_NOISE_WITHIN_A_THIRD =
      "different beyond the noise, by less than a third of the level";

  /** Why else: beyond the seeds' margin, but not beyond twin-against-twin noise. */
  static final String WITHIN_THE_BAND = "beyond the seed margin, but within the twins' band";

  /** Curves overlap when their distance is below this share of the larger curve's mean level. */
  static final double MARGIN = 1.0 / 3;

  /** The onset: poisons seen where a seed's effect first reaches this share of its final one. */
  static final double ONSET_SHARE = 0.5;

  private PoisonsSeenOverlap() {}

  static List<SizeComparison> pairs(List<Cell> cells) {
    List<SizeComparison> comparisons = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      for (int j = i + 1; j < cells.size(); j++) {
        Cell a = cells.get(i);
        Cell b = cells.get(j);
        if (a.poisons() == b.poisons() && CountOrFraction.comparable(a, b)) {
          comparisons.add(compare(a, b));
        }
      }
    }
    return comparisons;
  }

  static SizeComparison compare(Cell a, Cell b) {
    List<SeedCurve> curves = new ArrayList<>(usable(a));
    curves.addAll(usable(b));
    double from = curves.stream().mapToDouble(c -> c.poisonsSeen()[0]).max().orElse(Double.NaN);
    double to = curves.stream().mapToDouble(PoisonsSeenOverlap::lastSeen).min().orElse(Double.NaN);
    Summary meanA =
        Summary.of(usable(a).stream().mapToDouble(c -> meanOver(c, from, to)).toArray());
    Summary meanB =
        Summary.of(usable(b).stream().mapToDouble(c -> meanOver(c, from, to)).toArray());
    double band = CountOrFraction.band(a, b);
    SizeComparison.Builder builder =
        SizeComparison.builder(QUESTION, List.of(a, b), List.of(meanA, meanB))
            .onsets(List.of(onsets(a), onsets(b)))
            .seenRange(from, to)
            .estimate(meanA.mean() - meanB.mean())
            .band(band);
    if (a.seeds().size() >= CountOrFraction.MIN_SEEDS
        && b.seeds().size() >= CountOrFraction.MIN_SEEDS
        && (meanA.n() < CountOrFraction.MIN_SEEDS || meanB.n() < CountOrFraction.MIN_SEEDS)) {
      return builder.verdict(
          TOO_FEW_CHECKPOINTS, "fewer than 2 seeds with 2 checkpoints (on this scale) in a size");
    }
    if (meanA.n() < CountOrFraction.MIN_SEEDS || meanB.n() < CountOrFraction.MIN_SEEDS) {
      return builder.verdict(
          CountOrFraction.TOO_FEW, "fewer than 2 seeds with 2 checkpoints in a size");
    }
    if (!(to > from)) {
      return builder.verdict(CountOrFraction.INCONCLUSIVE, "no common range of poisons seen");
    }
    Contrast difference = Contrast.difference(meanA, meanB);
    double level = Math.max(meanA.mean(), meanB.mean());
    builder.contrast(difference, band);
    if (!(level > band)) {
      return builder.verdict(CountOrFraction.INCONCLUSIVE, "no effect above the band to compare");
    }
    double distance = Math.abs(difference.estimate());
    builder.distances(distance / difference.standardError(), distance / level);
    if (distance + difference.margin() < MARGIN * level) {
      return builder.verdict(OVERLAP, "the 95% interval of the distance is within a third");
    }
    if (difference.exceeds(Math.max(band, MARGIN * level))) {
      return builder.verdict(NO_OVERLAP, "the distance exceeds its margin and a third");
    }
    if (difference.exceeds(band)) {
      return builder.verdict(CountOrFraction.INCONCLUSIVE, BEYOND_NOISE_WITHIN_A_THIRD);
    }
    if (distance > difference.margin()) {
      return builder.verdict(CountOrFraction.INCONCLUSIVE, WITHIN_THE_BAND);
    }
    return builder.verdict(CountOrFraction.INCONCLUSIVE, "the seed noise spans the margin");
  }

  /**
   * Per count: no overlap if any pair of sizes does not overlap, else the verdict every pair shares
   * (overlap, too few seeds or checkpoints), else inconclusive.
   */
  static Map<Integer, String> perCount(List<SizeComparison> pairs) {
    Map<Integer, List<String>> verdicts = new TreeMap<>();
    pairs.forEach(
        pair ->
            verdicts
                .computeIfAbsent(pair.cells().get(0).poisons(), k -> new ArrayList<>())
                .add(pair.verdict()));
    Map<Integer, String> perCount = new TreeMap<>();
    verdicts.forEach(
        (count, list) ->
            perCount.put(
                count,
                list.contains(NO_OVERLAP)
                    ? NO_OVERLAP
                    : list.stream().allMatch(list.get(0)::equals)
                        ? list.get(0)
                        : CountOrFraction.INCONCLUSIVE));
    return perCount;
  }

  /**
   * The mean of the piecewise-linear curve over [from, to], integrated exactly (trapezoids, each
   * segment clipped to the range).
   */
  static double meanOver(SeedCurve curve, double from, double to) {
    double[] x = curve.poisonsSeen();
    double[] y = curve.effects();
    double area = 0;
    for (int i = 1; i < x.length; i++) {
      double left = Math.max(x[i - 1], from);
      double right = Math.min(x[i], to);
      if (right > left) {
        area += (right - left) * (at(x, y, i, left) + at(x, y, i, right)) / 2;
      }
    }
    return area / (to - from);
  }

  /**
   * Poisons seen where the seed first reaches ONSET_SHARE of its final effect, interpolated; NaN
   * when the final effect is not above the band (nothing formed to time).
   */
  static double onset(SeedCurve curve, double band) {
    double target = ONSET_SHARE * curve.finalEffect();
    if (!(curve.finalEffect() > (Double.isNaN(band) ? 0 : band))) {
      return Double.NaN;
    }
    double[] x = curve.poisonsSeen();
    double[] y = curve.effects();
    for (int i = 0; i < x.length; i++) {
      if (y[i] >= target) {
        return i == 0
            ? x[0]
            : x[i - 1] + (target - y[i - 1]) / (y[i] - y[i - 1]) * (x[i] - x[i - 1]);
      }
    }
    return Double.NaN;
  }

  /** Only curves: one checkpoint would always be its own onset. */
  private static Summary onsets(Cell cell) {
    return Summary.of(usable(cell).stream().mapToDouble(c -> onset(c, cell.band())).toArray());
  }

  /** Seeds with at least two checkpoints: a curve to interpolate. */
  private static List<SeedCurve> usable(Cell cell) {
    return cell.seeds().stream().filter(curve -> curve.poisonsSeen().length >= 2).toList();
  }

  private static double lastSeen(SeedCurve curve) {
    return curve.poisonsSeen()[curve.poisonsSeen().length - 1];
  }

  /** The segment (i - 1, i) of the curve at x. */
  private static double at(double[] x, double[] y, int i, double value) {
    double width = x[i] - x[i - 1];
    return width == 0 ? y[i] : y[i - 1] + (value - x[i - 1]) / width * (y[i] - y[i - 1]);
  }
}
