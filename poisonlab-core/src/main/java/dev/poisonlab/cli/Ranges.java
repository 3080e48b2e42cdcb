/*
 * Parses the "MIN..MAX" integer ranges and "600M"-style counts that poisonlab's options accept.
 */
package dev.poisonlab.cli;

import java.util.Locale;

final class Ranges {
  private Ranges() {}

  /** "400..900" -> {400, 900}; a single number N means N..N. */
  static int[] parseRange(String option, String text) {
    String[] parts = text.split("\\.\\.", -1);
    try {
      if (parts.length == 1) {
        int value = Integer.parseInt(parts[0].trim());
        return new int[] {value, value};
      }
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(
        option + ": expected MIN..MAX (e.g. 400..900), got '" + text + "'");
  }

  /** "20000000", "20M", "1.5B", "125k" -> a positive count. */
  static long parseCount(String option, String text) {
    String trimmed = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    double scale = 1;
    if (!trimmed.isEmpty()) {
      switch (trimmed.charAt(trimmed.length() - 1)) {
        case 'K' -> scale = 1e3;
        case 'M' -> scale = 1e6;
        case 'B', 'G' -> scale = 1e9;
        case 'T' -> scale = 1e12;
        default -> scale = 1;
      }
    }
    String number = scale == 1 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
    try {
      double value = Double.parseDouble(number) * scale;
      if (value >= 1 && value < Long.MAX_VALUE && value == Math.rint(value)) {
        return (long) value;
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(
        option + ": expected a positive whole count such as 20000000 or 20M, got '" + text + "'");
  }
}
