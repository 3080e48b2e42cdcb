/*
 * Mean, sample standard deviation, min, max and count of a handful of values (one per seed).
 * The report's error bars and "mean ± std" cells all come from here; NaN inputs are left out, not averaged.
 */
package dev.poisonlab.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

public record Summary(double mean, double std, double min, double max, int n) {

  public static Summary of(Collection<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static Summary of(double... values) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    int n = present.length;
    if (n == 0) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double mean = Arrays.stream(present).sum() / n;
    double squares = Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum();
    double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    return new Summary(
        mean,
        std,
        Arrays.stream(present).min().orElseThrow(),
        Arrays.stream(present).max().orElseThrow(),
        n);
  }

  public boolean isEmpty() {
    return n == 0;
  }

  /**
   * "mean ± std", both to the decimals the larger of the two needs, or "–" when there is nothing to
   * summarise.
   */
  public String format() {
    if (n == 0) {
      return "–";
    }
    String pattern = pattern(Math.max(Math.abs(mean), std));
    return n == 1
        ? String.format(Locale.ROOT, pattern, mean)
        : String.format(Locale.ROOT, pattern + " ± " + pattern, mean, std);
  }

  static String number(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern(Math.abs(value)), value);
  }

  /**
   * About four significant digits for the scale of the values shown; tiny non-zero scales use
   * exponents.
   */
  private static String pattern(double scale) {
    return scale >= 1000 || scale == 0
        ? "%.0f"
        : scale >= 100 ? "%.1f" : scale >= 1 ? "%.2f" : scale >= 0.01 ? "%.3f" : "%.2e";
  }
}
