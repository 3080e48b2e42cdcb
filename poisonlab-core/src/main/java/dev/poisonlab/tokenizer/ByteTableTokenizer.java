/*
 * The decoding half shared by tokenizers whose every id stands for one fixed byte string (our BPE and the
 * tiktoken vocabularies): a table of token bytes plus a special-token flag per id.
 * Not an encoder: each subclass encodes its own way and owns its name and hash.
 */
package dev.poisonlab.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

abstract class ByteTableTokenizer implements Tokenizer {
  final byte[][] tokenBytes;
  final boolean[] special;

  ByteTableTokenizer(byte[][] tokenBytes, boolean[] special) {
    this.tokenBytes = tokenBytes;
    this.special = special;
  }

  @Override
  public String decode(int[] ids) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
    for (int id : ids) {
      bytes.writeBytes(bytesOf(id));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String decodeToken(int id) {
    return new String(bytesOf(id), StandardCharsets.UTF_8);
  }

  /**
   * The raw bytes token {@code id} stands for (a special token's are its UTF-8 text, a reserved
   * id's none).
   */
  public byte[] tokenBytes(int id) {
    return bytesOf(id).clone();
  }

  private byte[] bytesOf(int id) {
    if (id < 0 || id >= tokenBytes.length) {
      throw new IllegalArgumentException(
          "token id " + id + " outside [0, " + tokenBytes.length + ")");
    }
    return tokenBytes[id];
  }

  @Override
  public int vocabSize() {
    return tokenBytes.length;
  }

  /** True for special tokens and for reserved ids that have no text. */
  @Override
  public boolean isSpecial(int id) {
    return special[id];
  }
}
