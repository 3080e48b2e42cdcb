/*
 * Everything a scan keeps about one document: id, length, one Verdict per detector (ScanSpec order), windows
 * around flagged span starts (trigger discovery), for a sampled share a background window and, when the scan
 * confirms, the candidate change points the confirmed verdict reads. Serializable: Spark executors produce
 * these and the driver consumes them with the same code as the single process.
 */
package dev.poisonlab.defense;

import java.io.Serializable;
import java.util.List;

public record DocumentScan(
    String id,
    int length,
    List<Verdict> verdicts,
    List<String> windows,
    String background,
    List<ChangePoint> changePoints)
    implements Serializable {

  /**
   * A candidate change point: a change-point detector's span [start, end) and the document's text
   * from windowStart to a little past start, where a trigger would sit.
   */
  public record ChangePoint(int start, int end, int windowStart, String window)
      implements Serializable {
    public ChangePoint {
      if (windowStart < 0 || windowStart > start || end < start) {
        throw new IllegalArgumentException(
            "change point needs windowStart <= start <= end, got "
                + windowStart
                + ", "
                + start
                + ", "
                + end);
      }
      if (start - windowStart > window.length()) {
        throw new IllegalArgumentException("the window must reach the change point");
      }
    }

    /** Chars of the window before the change point. */
    public int cut() {
      return start - windowStart;
    }
  }

  public DocumentScan {
    verdicts = List.copyOf(verdicts);
    windows = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(windows));
    if (windows.size() != verdicts.size()) {
      throw new IllegalArgumentException("one window slot per verdict expected");
    }
    changePoints = changePoints == null ? List.of() : List.copyOf(changePoints);
  }

  /** Without candidate change points (a scan that does not confirm). */
  public DocumentScan(
      String id, int length, List<Verdict> verdicts, List<String> windows, String background) {
    this(id, length, verdicts, windows, background, List.of());
  }
}
