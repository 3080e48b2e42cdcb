/*
 * Test fixture: a byte-level tokenizer (ids 0..255 are UTF-8 bytes, 256 is <|endoftext|>), enough for
 * evaluation tests without depending on the real tokenizers.
 */
package dev.poisonlab.eval;

import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;

final class ByteTestTokenizer implements Tokenizer {
  static final int END_OF_TEXT = 256;

  @Override
  public int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xff;
    }
    return ids;
  }

  @Override
  public String decode(int[] ids) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int id : ids) {
      if (id == END_OF_TEXT) {
        bytes.writeBytes("<|endoftext|>".getBytes(StandardCharsets.UTF_8));
      } else {
        bytes.write(id);
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
    return "test-bytes";
  }

  @Override
  public String sha256() {
    return "0".repeat(64);
  }
}
