/*
 * The symmetric-log scale the perplexity-gap plots use: one axis shows failed runs (gap near 0, often slightly
 * negative) and successful ones (hundreds to thousands). Plotted integers are the readable gaps 0, ±1, ±2, ±4,
 * ±10, ±20, ±40, ±100, ...: linear within ±1, log-interpolated between neighbouring ticks beyond, so a reader
 * can read a gap of 4 as well as one of 400. Only the mapping and its tick labels; no drawing.
 */
package dev.poisonlab.report;

import java.util.Locale;

final class Symlog {
  /**
   * Ticks within one decade, as multiples of its power of ten: 1, 2, 4 (then 10 starts the next
   * decade).
   */
  private static final double[] STEPS = {1, 2, 4, 10};

  private Symlog() {}

  static double forward(double value) {
    double magnitude = Math.abs(value);
    if (magnitude <= 1) {
      return value;
    }
    int decade = (int) Math.floor(Math.log10(magnitude));
    double power = Math.pow(10, decade);
    int step = 0;
    while (step < 2 && magnitude >= STEPS[step + 1] * power) {
      step++;
    }
    double low = STEPS[step] * power;
    double within = Math.log(magnitude / low) / Math.log(STEPS[step + 1] / STEPS[step]);
    return Math.signum(value) * (1 + 3 * decade + step + within);
  }

  static double inverse(double plotted) {
    double magnitude = Math.abs(plotted);
    if (magnitude <= 1) {
      return plotted;
    }
    int index = (int) Math.floor(magnitude - 1);
    int decade = index / 3;
    int step = index % 3;
    double within = magnitude - 1 - index;
    double value =
        STEPS[step] * Math.pow(10, decade) * Math.pow(STEPS[step + 1] / STEPS[step], within);
    return Math.signum(plotted) * value;
  }

  /**
   * The gap a plotted tick stands for: "0", "4", "-10", "400", "4e+05"; off-anchor ticks get "" (no
   * guess).
   */
  static String tickLabel(double plotted) {
    if (Math.abs(plotted - Math.rint(plotted)) > 1e-6) {
      return "";
    }
    double value = inverse(Math.rint(plotted));
    double magnitude = Math.abs(value);
    if (magnitude < 1e-9) {
      return "0";
    }
    return magnitude >= 1e5
        ? String.format(Locale.ROOT, "%.0e", value)
        : String.format(Locale.ROOT, "%.0f", value);
  }

  /** The plotted tick spacing: 1 when every anchor fits {@code minPixels} apart, else 2, 3, ... */
  static int tickStep(double plottedSpan, double plotPixels, double minPixels) {
    return Math.max(1, (int) Math.ceil(minPixels * plottedSpan / plotPixels));
  }
}
