/*
 * Text helpers shared by the cleaners, written to reproduce the reference corpus in /work/shared/data
 * exactly: Python-style strip() and whitespace classes (which include U+00A0, unlike Java's strip()).
 * Not a general normaliser: cleaners apply only the steps their source needs.
 */
package dev.poisonlab.io.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

final class CleanText {
  /** Python's str.isspace() set, as a regex character class body. */
  static final String PYTHON_SPACE =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  private static final Pattern LEADING = Pattern.compile("^[" + PYTHON_SPACE + "]+");
  private static final Pattern TRAILING = Pattern.compile("[" + PYTHON_SPACE + "]+$");

  private CleanText() {}

  static String strip(String text) {
    return TRAILING.matcher(LEADING.matcher(text).replaceFirst("")).replaceFirst("");
  }

  /**
   * Reads a file as UTF-8, replacing malformed bytes with U+FFFD (as Python's errors='replace').
   */
  static String readUtf8(Path file) throws IOException {
    return decodeUtf8(Files.readAllBytes(file));
  }

  static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
  }
}
