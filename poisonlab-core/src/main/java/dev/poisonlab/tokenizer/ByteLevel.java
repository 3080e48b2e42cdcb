/*
 * GPT-2's byte-to-unicode table (bytes_to_unicode in the original encoder.py, "ByteLevel" in Hugging Face):
 * every byte maps to one printable character, so byte-level tokens can be stored as JSON strings.
 * Not a tokenizer: it only translates between raw bytes and that printable alphabet.
 */
package dev.poisonlab.tokenizer;

import java.util.Arrays;

final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    Arrays.fill(CHAR_TO_BYTE, -1);
    int shifted = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      // bytes GPT-2 considers unprintable move to 256+n in byte order, exactly as bytes_to_unicode
      // does
      char c = printable ? (char) b : (char) (256 + shifted++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  static char charOf(int unsignedByte) {
    return BYTE_TO_CHAR[unsignedByte];
  }

  /** The printable form of raw bytes, as it appears in tokenizer.json. */
  static String toPrintable(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  /**
   * The raw bytes of a printable token, or null when it holds a character outside the 256-symbol
   * alphabet.
   */
  static byte[] toBytes(String printable) {
    byte[] bytes = new byte[printable.length()];
    for (int i = 0; i < printable.length(); i++) {
      char c = printable.charAt(i);
      int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
      if (b < 0) {
        return null;
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }
}
