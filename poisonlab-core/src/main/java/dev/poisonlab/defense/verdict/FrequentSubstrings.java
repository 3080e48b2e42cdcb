/*
 * Level-wise (Apriori) counts of the substrings (2..MAX_LENGTH chars, not starting with whitespace) that many
 * documents share inside text windows: the counting core of trigger discovery (TriggerDiscovery) and of the
 * confirmed verdict (TriggerConfirmation). A window may stop counting at a cut: only strings starting before
 * it count, so "what precedes a change point" can be asked. Counts documents, not occurrences.
 */
package dev.poisonlab.defense.verdict;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class FrequentSubstrings {
  static final int MIN_LENGTH = 2;
  static final int MAX_LENGTH = 40;

  /** A window of text; strings are counted only where they start at an offset below {@code cut}. */
  record Window(String text, int cut) {
    Window {
      if (cut < 0 || cut > text.length()) {
        throw new IllegalArgumentException("cut must lie in [0, " + text.length() + "]: " + cut);
      }
    }

    static Window whole(String text) {
      return new Window(text, text.length());
    }
  }

  private FrequentSubstrings() {}

  /**
   * Strings held by at least {@code minimum} documents (each a list of windows; a string counts
   * once per document), with those counts. Prefix-closed: every frequent string's prefixes of two
   * or more chars are frequent too, because a string of length L is counted only where its first
   * L-1 chars were frequent, which keeps memory small.
   */
  static Map<String, Integer> count(List<List<Window>> documents, int minimum) {
    Map<String, Integer> frequent = new HashMap<>();
    Set<String> previousLevel = null;
    Set<String> inDocument = new HashSet<>();
    for (int length = MIN_LENGTH; length <= MAX_LENGTH; length++) {
      Map<String, Integer> counts = new HashMap<>();
      for (List<Window> document : documents) {
        inDocument.clear();
        for (Window window : document) {
          String text = window.text();
          for (int from = 0; from < window.cut() && from + length <= text.length(); from++) {
            if (Character.isWhitespace(text.charAt(from))) {
              continue;
            }
            if (previousLevel != null
                && !previousLevel.contains(text.substring(from, from + length - 1))) {
              continue;
            }
            inDocument.add(text.substring(from, from + length));
          }
        }
        for (String text : inDocument) {
          counts.merge(text, 1, Integer::sum);
        }
      }
      Set<String> level = new HashSet<>();
      counts.forEach(
          (text, count) -> {
            if (count >= minimum) {
              level.add(text);
              frequent.put(text, count);
            }
          });
      if (level.isEmpty()) {
        break;
      }
      previousLevel = level;
    }
    return frequent;
  }
}
