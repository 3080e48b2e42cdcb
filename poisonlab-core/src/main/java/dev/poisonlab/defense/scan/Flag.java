/*
 * One line of flagged.jsonl: a document a detector flagged, its score, span [start, end) and reason.
 */
package dev.poisonlab.defense.scan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.poisonlab.defense.Verdict;
import java.util.List;

@JsonPropertyOrder({"id", "detector", "score", "span", "reason"})
public record Flag(String id, String detector, double score, List<Integer> span, String reason) {
  public static Flag of(String id, String detector, Verdict verdict) {
    return new Flag(
        id,
        detector,
        Math.round(verdict.score() * 1000) / 1000.0,
        List.of(verdict.spanStart(), verdict.spanEnd()),
        verdict.reason());
  }

  public int spanStart() {
    return span.get(0);
  }

  public int spanEnd() {
    return span.get(1);
  }
}
