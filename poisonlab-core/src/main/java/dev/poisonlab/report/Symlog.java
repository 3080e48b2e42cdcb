/*
 * The symmetric-log scale the gap plots use: linear for |gap| <= 10, logarithmic beyond, so one axis shows
 * failed runs (gap near 0, often slightly negative) and successful ones (hundreds to thousands) readably.
 * Plotted value t = gap/10 inside [-10, 10], sign(gap)*(1 + log10(|gap|/10)) outside; integer t are 0, ±10^k.
 */
package dev.poisonlab.report;

import java.util.Locale;

final class Symlog {
  static final double LINEAR_LIMIT = 10;

  private Symlog() {}

  static double forward(double value) {
    double magnitude = Math.abs(value);
    return magnitude <= LINEAR_LIMIT ? value / LINEAR_LIMIT
        : Math.signum(value) * (1 + Math.log10(magnitude / LINEAR_LIMIT));
  }

  static double inverse(double plotted) {
    double magnitude = Math.abs(plotted);
    return magnitude <= 1 ? plotted * LINEAR_LIMIT
        : Math.signum(plotted) * LINEAR_LIMIT * Math.pow(10, magnitude - 1);
  }

  /** The gap a plotted tick stands for: "0", "10", "1000", "-10", "1e+05"; in-between ticks get their value. */
  static String tickLabel(double plotted) {
    double value = inverse(plotted);
    double magnitude = Math.abs(value);
    if (magnitude < 1e-9) {
      return "0";
    }
    if (magnitude >= 1e5) {
      return String.format(Locale.ROOT, "%.0e", value);
    }
    return String.format(Locale.ROOT, magnitude >= 1 ? "%.0f" : "%.1f", value);
  }
}
