/*
 * An exact one-sided permutation test over seeds: is the mean of the poisoned runs' values above the mean of the
 * twins'? Every relabeling of the pooled runs into groups of the same sizes is enumerated (C(n1+n2, n1); 20 for
 * 3 vs 3), so the p-value is exact and can never go below 1/C(n1+n2, n1). Runs are the unit, not excerpts.
 */
package dev.poisonlab.eval;

import java.util.Arrays;

public final class SeedPermutationTest {
  /**
   * Enumerating more pooled runs than this would take long (C(24,12) = 2.7 million relabelings).
   */
  public static final int MAX_RUNS = 24;

  /**
   * statistic = mean(poisoned) - mean(twins); pValue = share of relabelings at least as large; minP
   * = 1/count.
   */
  public record Result(double statistic, double pValue, double minP, long relabelings) {}

  private SeedPermutationTest() {}

  public static Result test(double[] poisoned, double[] twins) {
    int n1 = poisoned.length;
    int total = n1 + twins.length;
    if (n1 < 1 || twins.length < 1) {
      throw new IllegalArgumentException(
          "need at least one value in each group, got " + n1 + " and " + twins.length);
    }
    if (total > MAX_RUNS) {
      throw new IllegalArgumentException(
          "at most " + MAX_RUNS + " runs can be enumerated, got " + total);
    }
    double[] pooled = new double[total];
    System.arraycopy(poisoned, 0, pooled, 0, n1);
    System.arraycopy(twins, 0, pooled, n1, twins.length);
    if (Arrays.stream(pooled).anyMatch(v -> !Double.isFinite(v))) {
      throw new IllegalArgumentException("values must be finite: " + Arrays.toString(pooled));
    }
    double sum = Arrays.stream(pooled).sum();
    double observed = statistic(sumOf(pooled, (1L << n1) - 1), sum, n1, twins.length);
    // ties between relabelings must count as "at least as large" despite rounding in the sums
    double tolerance = 1e-9 * Math.max(1, Arrays.stream(pooled).map(Math::abs).max().orElse(1));
    long atLeast = 0;
    long count = 0;
    for (long mask = 0; mask < (1L << total); mask++) {
      if (Long.bitCount(mask) != n1) {
        continue;
      }
      count++;
      if (statistic(sumOf(pooled, mask), sum, n1, twins.length) >= observed - tolerance) {
        atLeast++;
      }
    }
    return new Result(observed, (double) atLeast / count, 1.0 / count, count);
  }

  /**
   * C(n, k) as a double, for reporting the smallest attainable p-value without running the test.
   */
  public static double minP(int n1, int n2) {
    double combinations = 1;
    for (int i = 1; i <= n1; i++) {
      combinations = combinations * (n2 + i) / i;
    }
    return 1 / Math.rint(combinations);
  }

  private static double statistic(double groupSum, double sum, int n1, int n2) {
    return groupSum / n1 - (sum - groupSum) / n2;
  }

  private static double sumOf(double[] values, long mask) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if ((mask & (1L << i)) != 0) {
        sum += values[i];
      }
    }
    return sum;
  }
}
