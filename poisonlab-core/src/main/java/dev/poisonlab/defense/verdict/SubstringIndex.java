/*
 * Finds a fixed set of strings in texts in one walk: from each start, extend char by char while the prefix is
 * in a prefix-closed set (FrequentSubstrings' output, a 64-bit hash per prefix in UnitCounts), so the walk
 * stops after a few chars in ordinary text. Hits are checked char by char: a hash collision can lengthen a
 * walk, never report a wrong string. Not a general full-text index.
 */
package dev.poisonlab.defense.verdict;

import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.detect.UnitCounts;
import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

final class SubstringIndex {
  private static final long SEED = TextUnits.mix(0x5ab5ab5ab5L);
  private static final int PREFIX = 1;

  /** Hash of every prefix: PREFIX, or 2 + the marked string's index. */
  private final UnitCounts prefixes = new UnitCounts(12);

  private final List<String> marked;
  private final int longest;

  /**
   * {@code frequent}: prefix-closed strings of FrequentSubstrings.MIN_LENGTH or more chars; {@code
   * marked}: those of them to report, by their index in this list.
   */
  SubstringIndex(Collection<String> frequent, List<String> marked) {
    this.marked = List.copyOf(marked);
    int max = 0;
    for (String text : frequent) {
      if (prefixes.get(hash(text)) == 0) {
        prefixes.increment(hash(text), PREFIX);
      }
      max = Math.max(max, text.length());
    }
    for (int i = 0; i < this.marked.size(); i++) {
      String text = this.marked.get(i);
      long key = hash(text);
      int present = prefixes.get(key);
      // set the entry to 2 + i whatever it held (UnitCounts only adds)
      prefixes.increment(key, 2 + i - present);
      max = Math.max(max, text.length());
    }
    this.longest = max;
  }

  /**
   * Calls {@code found} with the index of every marked string that starts at an offset below {@code
   * limit} of {@code text} (once per occurrence; starts on whitespace are skipped, as
   * FrequentSubstrings skips them).
   */
  void forEachStart(String text, int limit, IntConsumer found) {
    int end = Math.min(limit, text.length());
    for (int from = 0; from < end; from++) {
      if (Character.isWhitespace(text.charAt(from))) {
        continue;
      }
      long hash = extend(SEED, text.charAt(from));
      int stop = Math.min(text.length(), from + longest);
      for (int to = from + 1; to < stop; to++) {
        hash = extend(hash, text.charAt(to));
        int value = prefixes.get(hash);
        if (value == 0) {
          break; // no string of the set starts with this prefix, so no longer one either
        }
        if (value >= 2) {
          String candidate = marked.get(value - 2);
          if (candidate.length() == to - from + 1
              && text.regionMatches(from, candidate, 0, candidate.length())) {
            found.accept(value - 2);
          }
        }
      }
    }
  }

  static long hash(String text) {
    long hash = SEED;
    for (int i = 0; i < text.length(); i++) {
      hash = extend(hash, text.charAt(i));
    }
    return hash;
  }

  private static long extend(long hash, char c) {
    return TextUnits.mix(hash * 0x9E3779B97F4A7C15L + c + 1);
  }
}
