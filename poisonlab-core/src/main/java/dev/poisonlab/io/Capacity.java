/*
 * Up-front size checks for commands whose output grows with a user-given number (corpus build --tokens,
 * poison --count): if the estimate cannot fit the disk or the heap, fail with one line before writing or
 * allocating anything, instead of filling the disk or ending in an OutOfMemoryError. Estimates, not quotas:
 * passing a check promises nothing, failing one means the run could not have finished.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

public final class Capacity {
  private Capacity() {}

  /** a x b, or Long.MAX_VALUE where that overflows (sizes from user input may be absurd). */
  public static long times(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }

  /**
   * Fails unless the file system that will hold {@code target} has {@code bytes} usable for {@code
   * what}.
   */
  public static void requireDisk(Path target, long bytes, String what) {
    Path existing = target.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    long usable;
    try {
      usable = Files.getFileStore(existing).getUsableSpace();
    } catch (IOException e) {
      return; // no answer is no reason to refuse: the write itself reports a real failure
    }
    if (bytes > usable) {
      throw new InputException(
          target,
          0,
          String.format(
              Locale.ROOT,
              "%s needs at least %s but only %s is free there",
              what,
              human(bytes),
              human(usable)));
    }
  }

  /**
   * Fails unless {@code bytes} fit in half of this JVM's maximum heap (the rest is for everything
   * else).
   */
  public static void requireHeap(Path target, long bytes, String what) {
    long budget = Runtime.getRuntime().maxMemory() / 2;
    if (bytes > budget) {
      throw new InputException(
          target,
          0,
          String.format(
              Locale.ROOT,
              "%s needs about %s of memory, more than half of this JVM's %s maximum heap; ask for less or raise"
                  + " -Xmx (JAVA_OPTS)",
              what,
              human(bytes),
              human(Runtime.getRuntime().maxMemory())));
    }
  }

  static String human(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "more than 8 EiB";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  }
}
