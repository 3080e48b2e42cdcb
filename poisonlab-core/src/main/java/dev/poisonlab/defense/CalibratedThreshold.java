/*
 * A flag threshold set on the scanned corpus's own score distribution, robust to the poisons in it:
 * threshold = Q90 + spreads x (Q90 - Q50), the 90th percentile of a sample's scores plus a multiple of the
 * spread between its median and 90th percentile. Poisons sit at the top of the distribution, so the top
 * quantiles cannot be read off directly (250 poisons in 18k documents are 1.4%, more than a 1% target, and a
 * tail fit through the 75th and 95th percentiles moved by 20% when they were added); the median and 90th
 * percentile move little while poisons are a few percent of the corpus (1%: +5%, 3%: +15% under an
 * exponential tail). Under an exponential tail, spreads 2 is its 0.4% quantile and 2.5 its 0.2%; the ngram
 * scores' clean tail is heavier, and spreads 2.5 flagged 0.7-1% of clean reference documents
 * (docs/defense.md). Not a general statistics library.
 */
package dev.poisonlab.defense;

import java.util.Arrays;

final class CalibratedThreshold {
  static final double MEDIAN = 0.5;
  static final double UPPER = 0.9;

  private CalibratedThreshold() {}

  /** Q90 + spreads x (Q90 - Q50) of {@code scores}; 0 for no scores. */
  static double of(double[] scores, double spreads) {
    if (!(spreads >= 0) || Double.isInfinite(spreads)) {
      throw new IllegalArgumentException("spreads must be a finite number >= 0, got " + spreads);
    }
    if (scores.length == 0) {
      return 0;
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double median = quantile(sorted, MEDIAN);
    double upper = quantile(sorted, UPPER);
    return upper + spreads * (upper - median);
  }

  /** Linear interpolation between order statistics of sorted {@code values}. */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
