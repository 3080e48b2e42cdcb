/*
 * What a detector says about one document: a score (higher = more suspicious; its unit depends on the
 * detector), whether it is flagged, the flagged character span [spanStart, spanEnd) (empty when not flagged,
 * except a change-point detector's candidate span for the confirmed verdict: Detector.offersChangePoint)
 * and a short reason (the rules that fired, or "" when none). Carries no document text.
 */
package dev.poisonlab.defense;

import java.io.Serializable;

public record Verdict(double score, boolean flagged, int spanStart, int spanEnd, String reason)
    implements Serializable {

  public Verdict {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score must be a number");
    }
    if (spanStart < 0 || spanEnd < spanStart) {
      throw new IllegalArgumentException(
          "span must satisfy 0 <= start <= end, got [" + spanStart + ", " + spanEnd + ")");
    }
    reason = reason == null ? "" : reason;
  }

  public static Verdict clean(double score) {
    return new Verdict(score, false, 0, 0, "");
  }
}
