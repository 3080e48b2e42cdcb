/*
 * The "combined" verdict: flagged when any change-point detector of the scan flags (localizes; each
 * catches poisons the others miss, and the union's false-positive rate is at most the sum of theirs); score =
 * how many flagged, span = their union. Quality rules take no part (they flag 50-96% of the reference
 * corpus). Each detector's own verdict is kept alongside. Two-tier (--ngram-combined-spreads S): ngram's flag
 * counts only above its stricter threshold (Detector.countsForCombined). Not a detector: it reads no text.
 */
package dev.poisonlab.defense.verdict;

import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.detect.LmSurprisalDetector;
import dev.poisonlab.defense.detect.NgramDetector;
import dev.poisonlab.defense.detect.SurprisalDetector;
import java.util.ArrayList;
import java.util.List;

public final class CombinedVerdict {
  public static final String NAME = "combined";

  private CombinedVerdict() {}

  /**
   * The combined verdict of {@code verdicts}, one per name of {@code detectors}, in the same order.
   */
  public static Verdict of(List<String> detectors, List<Verdict> verdicts) {
    List<String> flaggedBy = new ArrayList<>();
    int start = Integer.MAX_VALUE;
    int end = 0;
    for (int d = 0; d < detectors.size(); d++) {
      Verdict verdict = verdicts.get(d);
      if (localizes(detectors.get(d)) && verdict.flagged()) {
        flaggedBy.add(detectors.get(d));
        start = Math.min(start, verdict.spanStart());
        end = Math.max(end, verdict.spanEnd());
      }
    }
    if (flaggedBy.isEmpty()) {
      return Verdict.clean(0);
    }
    return new Verdict(
        flaggedBy.size(),
        true,
        start,
        Math.max(start, end),
        "flagged by " + String.join(", ", flaggedBy));
  }

  /**
   * Whether a detector's span locates the poison (and so can point at a trigger) rather than the
   * document: the change-point detectors and the verdicts built from them.
   */
  public static boolean localizes(String detector) {
    return detector.startsWith(SurprisalDetector.NAME)
        || detector.equals(LmSurprisalDetector.NAME)
        || detector.equals(NgramDetector.NAME)
        || detector.equals(NAME)
        || detector.equals(TriggerConfirmation.NAME);
  }
}
