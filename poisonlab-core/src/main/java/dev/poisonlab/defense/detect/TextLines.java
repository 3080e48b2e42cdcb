/*
 * Line and substring helpers shared by the quality-rule baselines, written to match Python's str.isspace,
 * str.strip, str.split(), str.split("\n"), str.splitlines(), str.count and str.endswith, because the reference
 * rules (datatrove) are Python. Not a general text library.
 */
package dev.poisonlab.defense.detect;

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

  /** Python's text.splitlines(): every line boundary Python knows, \r\n as one; "" gives []. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isLineBoundary(c)) {
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

  private static boolean isLineBoundary(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000b'
        || c == '\f'
        || (c >= '\u001c' && c <= '\u001e')
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /**
   * Python's str.isspace for one character; unlike Java's isWhitespace it counts no-break spaces.
   */
  static boolean isSpace(char c) {
    return (c >= '\t' && c <= '\r')
        || (c >= '\u001c' && c <= ' ')
        || c == '\u0085'
        || c == '\u00a0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000';
  }

  /** Python's str.strip(). */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Python's str.split() with no argument: the runs of non-space characters. */
  static List<String> splitWords(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < text.length() && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(text.substring(start, i));
      }
    }
    return words;
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
