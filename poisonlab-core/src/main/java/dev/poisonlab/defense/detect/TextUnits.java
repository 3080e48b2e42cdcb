/*
 * Fast segmentation of text into hashed units for the model-free surprisal detector: runs of letters or
 * digits (ASCII case-folded) are one unit, every other non-space character is a unit of its own, whitespace
 * separates. Characters that well-formed text does not contain (U+FFFD from undecodable bytes, control
 * characters, unassigned and private-use code points) all get the hash MALFORMED, which the model scores as
 * unseen: 250 byte-level poisons hold so many U+FFFD that counting it would make it look common. One pass over the chars with a lookup table and no regex or String allocation, because this loop
 * is the detector's throughput. A reusable buffer: one instance per thread. Not a tokenizer for models.
 */
package dev.poisonlab.defense.detect;

import java.util.Arrays;

public final class TextUnits {
  private static final byte SPACE = 0;
  private static final byte WORD = 1;
  private static final byte SYMBOL = 2;
  private static final byte[] ASCII_CLASS = new byte[128];
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** Hash of the virtual unit before a document's first unit (bigram context at the start). */
  public static final long DOCUMENT_START = mix(0x5eed5eed5eedL);

  /** Hash shared by every malformed character (never counted; always scored as unseen). */
  public static final long MALFORMED = mix(0xbadc0de5badL);

  static {
    for (int c = 0; c < 128; c++) {
      boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0B;
      ASCII_CLASS[c] = word ? WORD : space ? SPACE : SYMBOL;
    }
  }

  private long[] hashes = new long[1024];
  private int[] starts = new int[1024];
  private int[] ends = new int[1024];
  private int count;

  /**
   * Segments {@code text}, replacing the previous contents of this buffer; returns the unit count.
   */
  public int segment(String text) {
    count = 0;
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      byte kind = classOf(c);
      if (kind == SPACE) {
        i++;
      } else if (kind == SYMBOL) {
        add(isMalformed(c) ? MALFORMED : mix(0x9E3779B97F4A7C15L ^ c), i, i + 1);
        i++;
      } else {
        int start = i;
        long hash = FNV_OFFSET;
        do {
          char folded = c <= 'Z' && c >= 'A' ? (char) (c | 0x20) : c;
          hash = (hash ^ folded) * FNV_PRIME;
          i++;
        } while (i < length && classOf(c = text.charAt(i)) == WORD);
        add(mix(hash), start, i);
      }
    }
    return count;
  }

  private static byte classOf(char c) {
    if (c < 128) {
      return ASCII_CLASS[c];
    }
    if (Character.isLetterOrDigit(c)) {
      return WORD;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c) ? SPACE : SYMBOL;
  }

  static boolean isMalformed(char c) {
    if (c < 128) {
      return c < 32 || c == 127;
    }
    if (c == 0xFFFD) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE;
  }

  private void add(long hash, int start, int end) {
    if (count == hashes.length) {
      int grown = count * 2;
      hashes = Arrays.copyOf(hashes, grown);
      starts = Arrays.copyOf(starts, grown);
      ends = Arrays.copyOf(ends, grown);
    }
    hashes[count] = hash;
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  public int count() {
    return count;
  }

  public long hash(int unit) {
    return hashes[unit];
  }

  public int start(int unit) {
    return starts[unit];
  }

  public int end(int unit) {
    return ends[unit];
  }

  /**
   * The 64-bit finaliser of MurmurHash3: spreads FNV's low-entropy low bits over the table index.
   */
  public static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * FNV-1a of a string: the same on every JVM and in every Spark task, so what is sampled by it
   * (background windows, calibration documents) does not depend on the engine.
   */
  public static long stableHash(String value) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < value.length(); i++) {
      hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }
}
