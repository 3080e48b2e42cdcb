/*
 * Words as datatrove's split_into_words gives them for English: spaCy's blank("en") tokenizer (split on
 * whitespace, then special cases, prefixes, suffixes and infixes, in spaCy's order) with whitespace tokens
 * dropped (strip_strings). Tokens are [start, end) offsets into the text. Not spaCy itself: spaCy's second
 * pass that re-matches special cases holding punctuation (emoticons such as ":)") is not reproduced.
 */
package dev.poisonlab.defense.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

final class WordTokens {
  private static final SpacyEnglishRules RULES = SpacyEnglishRules.INSTANCE;
  private static final int CACHE_LIMIT = 200_000;

  /** Chunk -> end offsets of its pieces; shared by threads, so concurrent. */
  private static final Map<String, int[]> CACHE = new ConcurrentHashMap<>();

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
      while (i < length && TextLines.isSpace(text.charAt(i))) {
        i++;
      }
      int chunkStart = i;
      while (i < length && !TextLines.isSpace(text.charAt(i))) {
        i++;
      }
      if (i > chunkStart) {
        splitChunk(chunkStart, i);
      }
    }
    return count;
  }

  /** Adds the pieces of text[start, end), remembered per chunk as spaCy's tokenizer cache does. */
  private void splitChunk(int start, int end) {
    String chunk = text.substring(start, end);
    if (isAsciiLetters(chunk) && !RULES.specials().containsKey(chunk)) {
      add(start, end); // no prefix, suffix, infix or URL rule matches plain letters
      return;
    }
    int[] pieceEnds = CACHE.get(chunk);
    if (pieceEnds == null) {
      pieceEnds = new ChunkSplitter(chunk).split();
      if (CACHE.size() > CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(chunk, pieceEnds);
    }
    int from = start;
    for (int pieceEnd : pieceEnds) {
      add(from, start + pieceEnd);
      from = start + pieceEnd;
    }
  }

  private static boolean isAsciiLetters(String chunk) {
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /** spaCy's Tokenizer._split_affixes and _attach_tokens on one whitespace-free chunk. */
  private static final class ChunkSplitter {
    private final String chunk;
    private final List<Integer> prefixEnds = new ArrayList<>();
    private final Deque<Integer> suffixStarts = new ArrayDeque<>();
    private final List<Integer> middleEnds = new ArrayList<>();

    ChunkSplitter(String chunk) {
      this.chunk = chunk;
    }

    int[] split() {
      int start = 0;
      int end = chunk.length();
      if (!addSpecial(start, end)) {
        int lastSize = -1;
        while (end > start && end - start != lastSize && !isSpecial(start, end)) {
          lastSize = end - start;
          int prefixLength = prefixLength(start, end);
          int suffixLength = suffixLength(start + prefixLength, end);
          if (prefixLength > 0
              && start + prefixLength < end
              && isSpecial(start + prefixLength, end)) {
            prefixEnds.add(start += prefixLength);
            break;
          }
          if (suffixLength > 0
              && end - suffixLength > start
              && isSpecial(start, end - suffixLength)) {
            suffixStarts.push(end -= suffixLength);
            break;
          }
          if (prefixLength > 0) {
            prefixEnds.add(start += prefixLength);
          }
          if (suffixLength > 0 && prefixLength + suffixLength <= lastSize) {
            suffixStarts.push(end -= suffixLength);
          }
        }
        if (end > start && !addSpecial(start, end)) {
          splitInfixes(start, end);
        }
      }
      List<Integer> ends = new ArrayList<>(prefixEnds);
      ends.addAll(middleEnds);
      suffixStarts.forEach(s -> ends.add(s));
      ends.add(chunk.length());
      return ends.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    /** The prefix regex's alternatives all start with ^, so Python's search is Java's lookingAt. */
    private int prefixLength(int start, int end) {
      Matcher prefix = RULES.prefix().matcher(chunk).region(start, end);
      return prefix.lookingAt() ? prefix.end() - prefix.start() : 0;
    }

    /**
     * Python's re.search of the $-anchored suffix regex on chunk[start, end): the leftmost match.
     * Only the dot run (\.\.+$) can be longer than a few characters, so the rest is searched in the
     * last 10 only.
     */
    private int suffixLength(int start, int end) {
      int dots = 0;
      while (end - dots > start && chunk.charAt(end - dots - 1) == '.') {
        dots++;
      }
      if (dots >= 2) {
        return dots;
      }
      Matcher suffix = RULES.suffix().matcher(chunk.substring(start, end));
      suffix.useTransparentBounds(true).region(Math.max(0, end - start - 10), end - start);
      return suffix.find() ? suffix.end() - suffix.start() : 0;
    }

    private void splitInfixes(int start, int end) {
      if (RULES.url().matcher(chunk).region(start, end).lookingAt()) {
        middleEnds.add(end);
        return;
      }
      Matcher infix = RULES.infix().matcher(chunk).region(start, end);
      int from = start;
      while (infix.find()) {
        if (infix.start() == start) {
          continue;
        }
        if (infix.start() != from) {
          middleEnds.add(infix.start());
        }
        if (infix.end() != infix.start()) {
          middleEnds.add(infix.end());
        }
        from = infix.end();
      }
      middleEnds.add(end);
    }

    private boolean isSpecial(int start, int end) {
      return RULES.specials().containsKey(chunk.substring(start, end));
    }

    private boolean addSpecial(int start, int end) {
      String[] pieces = RULES.specials().get(chunk.substring(start, end));
      if (pieces == null) {
        return false;
      }
      for (String piece : pieces) {
        middleEnds.add(start += piece.length());
      }
      return true;
    }
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

  String text(int token) {
    return text.substring(starts[token], ends[token]);
  }

  /** Length in code points, as Python's len. */
  int length(int token) {
    return text.codePointCount(starts[token], ends[token]);
  }

  /** True when a character is outside datatrove's PUNCTUATION_SET (Gopher's "non-symbol word"). */
  boolean hasNonPunctuation(int token) {
    for (int i = starts[token]; i < ends[token]; i += Character.charCount(text.codePointAt(i))) {
      if (!DatatrovePunctuation.isPunctuation(text.codePointAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Python's any(c.isalpha() for c in word). */
  boolean hasLetter(int token) {
    for (int i = starts[token]; i < ends[token]; i += Character.charCount(text.codePointAt(i))) {
      if (Character.isLetter(text.codePointAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sentences in the text last tokenized, as spaCy's Sentencizer splits them (datatrove's
   * split_into_sentences for English): a token that is one sentence-ending character (. ! ? and
   * kin) ends a sentence once a token follows that is not punctuation. "U.S." and "..." are one
   * token, so end nothing.
   */
  int sentences() {
    int sentences = count == 0 ? 0 : 1;
    boolean seenEnd = false;
    for (int t = 0; t < count; t++) {
      boolean endChar =
          ends[t] - starts[t] <= 2
              && text.codePointCount(starts[t], ends[t]) == 1
              && DatatrovePunctuation.endsSentence(text.codePointAt(starts[t]));
      if (seenEnd && !endChar && !isPunct(t)) {
        sentences++;
        seenEnd = false;
      } else if (endChar) {
        seenEnd = true;
      }
    }
    return sentences;
  }

  /** spaCy's is_punct: every character in a Unicode punctuation category (P*). */
  boolean isPunct(int token) {
    for (int i = starts[token]; i < ends[token]; i += Character.charCount(text.codePointAt(i))) {
      if (!isUnicodePunctuation(text.codePointAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnicodePunctuation(int c) {
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION
        || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }
}
