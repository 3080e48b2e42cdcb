/*
 * The smallest real tokenizer: ids 0..255 are the UTF-8 bytes of the text, 256 is <|endoftext|>.
 * Lossless for valid Unicode; decoding bytes that split a character gives U+FFFD (like byte-level BPE).
 * Useful for tiny models and for tests; not a subword tokenizer (see BpeTokenizer for that).
 */
package dev.poisonlab.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

public final class ByteTokenizer implements Tokenizer {
  public static final String NAME = "bytes";
  public static final int END_OF_TEXT = 256;
  private static final String END_OF_TEXT_STRING = "<|endoftext|>";
  // The definition is this fixed description: two ByteTokenizers are always the same tokenizer.
  private static final String DEFINITION =
      "poisonlab byte tokenizer v1: ids 0-255 = UTF-8 bytes, 256 = <|endoftext|>";
  private static final String SHA256 =
      Hashes.sha256Hex(DEFINITION.getBytes(StandardCharsets.UTF_8));

  @Override
  public int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xFF;
    }
    return ids;
  }

  @Override
  public String decode(int[] ids) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length);
    for (int id : ids) {
      if (id == END_OF_TEXT) {
        bytes.writeBytes(END_OF_TEXT_STRING.getBytes(StandardCharsets.UTF_8));
      } else {
        bytes.write(checkId(id));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String decodeToken(int id) {
    return decode(new int[] {id});
  }

  @Override
  public int vocabSize() {
    return 257;
  }

  @Override
  public int endOfTextId() {
    return END_OF_TEXT;
  }

  @Override
  public boolean isSpecial(int id) {
    return id == END_OF_TEXT;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sha256() {
    return SHA256;
  }

  private static int checkId(int id) {
    if (id < 0 || id > END_OF_TEXT) {
      throw new IllegalArgumentException(
          "token id " + id + " is outside the byte tokenizer's 0..256");
    }
    return id;
  }
}
