/*
 * Line and substring helpers shared by the quality-rule baselines, written to match Python's str.split("\n"),
 * str.splitlines(), str.count and str.endswith on the cases those rules test. Not a general text library.
 */
package dev.poisonlab.defense;

import java.util.ArrayList;
import java.util.List;

final class TextLines {
  private TextLines() {}

  /** Python's text.split("\n"): keeps empty pieces, and "" gives [""]. */
  static List<String> splitNewline(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i));
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines;
  }

  /** Python's text.splitlines() for \n, \r\n and \r: no trailing empty piece, and "" gives []. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** Non-overlapping occurrences, like Python's str.count. */
  static int count(String text, String needle) {
    int found = 0;
    int from = 0;
    while ((from = text.indexOf(needle, from)) >= 0) {
      found++;
      from += needle.length();
    }
    return found;
  }

  static boolean endsWithAny(String line, String... suffixes) {
    for (String suffix : suffixes) {
      if (line.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
