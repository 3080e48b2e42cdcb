/*
 * The documents of a training stream, recovered without an index: the corpus builder ends every document
 * (clean or poison) with <|endoftext|>, and text never encodes to that id, so documents are the runs between
 * separators. A document overlapping a manifest poison span takes the poison's id; a clean one is named
 * "stream@OFFSET" (its first token's offset; the stream does not record corpus ids). Not a corpus reader.
 */
package dev.poisonlab.defense.monitor;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import java.util.Arrays;
import java.util.List;

public final class StreamDocuments {
  private static final int CHUNK = 1 << 16;

  private final TokenFile tokens;
  private final int endOfText;
  private final long[] separators;
  private final List<StreamManifest.PoisonSpan> poisons;
  private final long[] poisonStarts;

  private StreamDocuments(
      TokenFile tokens, int endOfText, long[] separators, StreamManifest manifest) {
    this.tokens = tokens;
    this.endOfText = endOfText;
    this.separators = separators;
    this.poisons = manifest.poisons();
    this.poisonStarts = poisons.stream().mapToLong(StreamManifest.PoisonSpan::start).toArray();
  }

  /** Finds every separator of {@code tokens} (one pass over the file). */
  public static StreamDocuments index(TokenFile tokens, int endOfText, StreamManifest manifest) {
    long[] found = new long[1024];
    int count = 0;
    int[] chunk = new int[CHUNK];
    for (long start = 0; start < tokens.length(); start += CHUNK) {
      int length = (int) Math.min(CHUNK, tokens.length() - start);
      tokens.read(start, chunk, 0, length);
      for (int i = 0; i < length; i++) {
        if (chunk[i] == endOfText) {
          if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
          }
          found[count++] = start + i;
        }
      }
    }
    return new StreamDocuments(tokens, endOfText, Arrays.copyOf(found, count), manifest);
  }

  public TokenFile tokens() {
    return tokens;
  }

  public int endOfText() {
    return endOfText;
  }

  /** Number of documents (the text after the last separator, if any, counts as one). */
  public int count() {
    long tail =
        separators.length == 0
            ? tokens.length()
            : tokens.length() - separators[separators.length - 1] - 1;
    return separators.length + (tail > 0 ? 1 : 0);
  }

  /**
   * Index of the document holding token {@code offset} (a separator belongs to the document it
   * ends).
   */
  public int documentAt(long offset) {
    int index = Arrays.binarySearch(separators, offset);
    return index >= 0 ? index : -index - 1;
  }

  /** First token of document {@code index}. */
  public long start(int index) {
    return index == 0 ? 0 : separators[index - 1] + 1;
  }

  /** End (exclusive, the separator's offset) of document {@code index}. */
  public long end(int index) {
    return index < separators.length ? separators[index] : tokens.length();
  }

  /** The manifest poison overlapping document {@code index}, or null for a clean document. */
  public StreamManifest.PoisonSpan poison(int index) {
    long start = start(index);
    long end = end(index);
    int at = Arrays.binarySearch(poisonStarts, end);
    int candidate = (at >= 0 ? at : -at - 1) - 1;
    if (candidate >= 0 && poisons.get(candidate).end() > start) {
      return poisons.get(candidate);
    }
    return null;
  }

  /** The poison id, or "stream@START" for a clean document. */
  public String id(int index) {
    StreamManifest.PoisonSpan poison = poison(index);
    return poison != null ? poison.id() : "stream@" + start(index);
  }

  /** Tokens [from, to) of the stream, clipped to document {@code index}. */
  public int[] read(int index, long from, long to) {
    long start = Math.max(from, start(index));
    long end = Math.min(to, end(index));
    int[] ids = new int[(int) Math.max(0, end - start)];
    if (ids.length > 0) {
      tokens.read(start, ids, 0, ids.length);
    }
    return ids;
  }
}
