/*
 * A flag threshold from the scanned corpus's own scores, robust to the poisons among them: Q90 + spreads x
 * (Q90 - Q50) of a sample. Poisons sit at the top, so top quantiles cannot be read off (250 in 18k documents
 * are 1.4%, above a 1% target), while the median and 90th percentile barely move (1% poisons: +5%, 3%: +15%
 * under an exponential tail, where spreads 2.5 is the 0.2% quantile). Not a general statistics library.
 */
package dev.poisonlab.defense.detect;

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
