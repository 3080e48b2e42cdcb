/*
 * A weighted sum of independent seed means (a difference of two, or one mean's distance from the midpoint of two
 * others) with Welch's standard error and Welch–Satterthwaite degrees of freedom, and the two-sided 95% t margin.
 * With 2-3 seeds per group the t quantile (12.7 at 1 degree of freedom, 4.3 at 2) is what keeps a lucky small
 * spread between seeds from deciding anything. Used by the report's count-or-fraction and poisons-seen rules.
 */
package dev.poisonlab.report;

import org.apache.commons.statistics.distribution.TDistribution;

record Contrast(double estimate, double standardError, double degreesOfFreedom) {
  /** Two-sided 95%: a difference counts only when it exceeds this many standard errors. */
  static final double LEVEL = 0.975;

  /** sum of weights[i] x mean of groups[i]; every group needs n >= 2 (a sample spread). */
  static Contrast of(double[] weights, Summary... groups) {
    if (weights.length != groups.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + groups.length);
    }
    double estimate = 0;
    double variance = 0;
    double denominator = 0;
    for (int i = 0; i < groups.length; i++) {
      Summary group = groups[i];
      if (group.n() < 2) {
        throw new IllegalArgumentException("a group has " + group.n() + " seeds; 2 are needed");
      }
      double term = weights[i] * weights[i] * group.std() * group.std() / group.n();
      estimate += weights[i] * group.mean();
      variance += term;
      denominator += term * term / (group.n() - 1);
    }
    // all spreads zero (synthetic data): no degrees of freedom to estimate, and the margin is 0
    double df = denominator == 0 ? Double.NaN : variance * variance / denominator;
    return new Contrast(estimate, Math.sqrt(variance), df);
  }

  /** mean(a) - mean(b). */
  static Contrast difference(Summary a, Summary b) {
    return of(new double[] {1, -1}, a, b);
  }

  /** t(0.975, df) x standard error: half the width of the 95% interval of the estimate. */
  double margin() {
    if (standardError == 0 || Double.isNaN(degreesOfFreedom)) {
      return 0;
    }
    return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(LEVEL) * standardError;
  }

  /**
   * Whether |estimate| exceeds both the t margin and {@code floor} (the twin-vs-twin band: no
   * difference smaller than the spread between clean models counts, however small the seeds'
   * spread).
   */
  boolean exceeds(double floor) {
    return Math.abs(estimate) > Math.max(margin(), Double.isNaN(floor) ? 0 : floor);
  }
}
