/*
 * Turns the list of quality rules a document failed into a Verdict: score = rules failed, flagged when any
 * failed, span = the whole document (these rules judge documents, not spans), reason = the rule names.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Verdict;
import java.util.List;

final class RuleVerdicts {
  private RuleVerdicts() {}

  static Verdict of(List<String> failed, int textLength) {
    if (failed.isEmpty()) {
      return Verdict.clean(0);
    }
    return new Verdict(failed.size(), true, 0, textLength, String.join(",", failed));
  }
}
