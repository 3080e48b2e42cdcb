/*
 * The paper's denial-of-service payload: G token ids drawn uniformly (special tokens excluded), G uniform in
 * [min, max]. By default only "clean" ids are drawn and the ids are handed on with their decoded text, so the
 * stream holds exactly the sampled ids; with PayloadIds.ALL the whole vocabulary is drawn and only the decoded
 * text is kept (the paper's behaviour: on byte-level BPE, partial UTF-8 ids decode to U+FFFD).
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

public final class DenialOfServiceStrategy extends RangedPayloadStrategy {
  public static final String NAME = "dos";
  private static final char REPLACEMENT = '\uFFFD';

  private final Tokenizer tokenizer;
  private final int[] vocabulary;
  private final boolean recordIds;

  public DenialOfServiceStrategy(
      Tokenizer tokenizer, int minTokens, int maxTokens, PoisonConfig.PayloadIds ids) {
    super(NAME, minTokens, maxTokens);
    this.tokenizer = tokenizer;
    this.recordIds = ids == PoisonConfig.PayloadIds.CLEAN;
    this.vocabulary = recordIds ? cleanIds(tokenizer) : allIds(tokenizer);
    if (vocabulary.length == 0) {
      throw new InputException(
          "tokenizer "
              + tokenizer.name()
              + " has no "
              + (recordIds ? "clean " : "")
              + "non-special tokens");
    }
  }

  /** Every non-special id: the paper's sampling set. */
  public static int[] allIds(Tokenizer tokenizer) {
    return IntStream.range(0, tokenizer.vocabSize())
        .filter(id -> !tokenizer.isSpecial(id))
        .toArray();
  }

  /**
   * Non-special ids whose standalone decode is non-empty valid text (no U+FFFD) that encodes back
   * to exactly that one id: a payload of them reads as what was sampled and no id hides a broken
   * character.
   */
  public static int[] cleanIds(Tokenizer tokenizer) {
    return IntStream.range(0, tokenizer.vocabSize()).filter(id -> isClean(tokenizer, id)).toArray();
  }

  static boolean isClean(Tokenizer tokenizer, int id) {
    if (tokenizer.isSpecial(id)) {
      return false;
    }
    String text = tokenizer.decode(new int[] {id});
    if (text.isEmpty() || text.indexOf(REPLACEMENT) >= 0) {
      return false;
    }
    int[] back = tokenizer.encode(text);
    return back.length == 1 && back[0] == id;
  }

  @Override
  public Payload payload(SplittableRandom random) {
    int count = drawSize(random);
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = vocabulary[random.nextInt(vocabulary.length)];
    }
    return new Payload(tokenizer.decode(ids), count, recordIds ? ids : null);
  }
}
