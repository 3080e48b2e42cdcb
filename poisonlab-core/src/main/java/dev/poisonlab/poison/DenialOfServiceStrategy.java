/*
 * The paper's denial-of-service payload: G token ids drawn uniformly from the tokenizer's whole vocabulary
 * (special tokens excluded), G uniform in [min, max] (400..900 in the paper), decoded to text.
 * Not re-encoded here: the corpus builder records each poison's actual token span in the stream.
 */
package dev.poisonlab.poison;

import dev.poisonlab.tokenizer.Tokenizer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

public final class DenialOfServiceStrategy extends RangedPayloadStrategy {
  public static final String NAME = "dos";

  private final Tokenizer tokenizer;
  private final int[] vocabulary;

  public DenialOfServiceStrategy(Tokenizer tokenizer, int minTokens, int maxTokens) {
    super(NAME, minTokens, maxTokens);
    this.tokenizer = tokenizer;
    this.vocabulary = IntStream.range(0, tokenizer.vocabSize()).filter(id -> !tokenizer.isSpecial(id)).toArray();
    if (vocabulary.length == 0) {
      throw new IllegalArgumentException("tokenizer " + tokenizer.name() + " has no non-special tokens");
    }
  }

  @Override
  public Payload payload(SplittableRandom random) {
    int count = drawSize(random);
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = vocabulary[random.nextInt(vocabulary.length)];
    }
    return new Payload(tokenizer.decode(ids), count);
  }
}
