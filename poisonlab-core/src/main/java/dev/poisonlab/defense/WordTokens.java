/*
 * The word splitting the quality-rule baselines need, close to NLTK's word_tokenize as datatrove uses it:
 * whitespace-separated chunks with leading and trailing punctuation split off one character at a time
 * ("end." -> "end", "."), interior punctuation kept ("don't", "U.S"). Tokens are [start, end) offsets into
 * the text, so no substrings are allocated. An approximation documented in docs/defense.md, not NLTK itself.
 */
package dev.poisonlab.defense;

import java.util.Arrays;

final class WordTokens {
  private int[] starts = new int[256];
  private int[] ends = new int[256];
  private int count;
  private String text = "";

  int tokenize(String text) {
    this.text = text;
    count = 0;
    int length = text.length();
    int i = 0;
    while (i < length) {
      while (i < length && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int chunkStart = i;
      while (i < length && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      splitChunk(chunkStart, i);
    }
    return count;
  }

  private void splitChunk(int start, int end) {
    int left = start;
    while (left < end && isPunctuation(text.charAt(left))) {
      add(left, left + 1);
      left++;
    }
    int right = end;
    while (right > left && isPunctuation(text.charAt(right - 1))) {
      right--;
    }
    if (right > left) {
      add(left, right);
    }
    for (int i = right; i < end; i++) {
      add(i, i + 1);
    }
  }

  static boolean isPunctuation(char c) {
    return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  int count() {
    return count;
  }

  int length(int token) {
    return ends[token] - starts[token];
  }

  /** True when the token has a character that is not punctuation (datatrove's "non-symbol word"). */
  boolean hasNonPunctuation(int token) {
    for (int i = starts[token]; i < ends[token]; i++) {
      if (!isPunctuation(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  boolean hasLetter(int token) {
    for (int i = starts[token]; i < ends[token]; i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  boolean equalsAny(int token, String[] words) {
    int length = length(token);
    for (String word : words) {
      if (word.length() == length && text.regionMatches(starts[token], word, 0, length)) {
        return true;
      }
    }
    return false;
  }
}
