/*
 * A test tokenizer where every id decodes to one distinct CJK character (id i <-> U+4E00 + i), so a decoded
 * payload can be mapped back to the exact ids that were sampled. The last id is the special <|endoftext|>.
 */
package dev.poisonlab.poison;

import dev.poisonlab.tokenizer.Tokenizer;

public final class CharTokenizer implements Tokenizer {
  public static final int BASE = 0x4E00;
  private final int vocabSize;

  public CharTokenizer(int vocabSize) {
    this.vocabSize = vocabSize;
  }

  @Override
  public int[] encode(String text) {
    return text.codePoints().map(c -> c - BASE).toArray();
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder text = new StringBuilder();
    for (int id : ids) {
      text.appendCodePoint(BASE + id);
    }
    return text.toString();
  }

  @Override
  public String decodeToken(int id) {
    return decode(new int[] {id});
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int endOfTextId() {
    return vocabSize - 1;
  }

  @Override
  public boolean isSpecial(int id) {
    return id == vocabSize - 1;
  }

  @Override
  public String name() {
    return "char-" + vocabSize;
  }

  @Override
  public String sha256() {
    return "0".repeat(64);
  }
}
