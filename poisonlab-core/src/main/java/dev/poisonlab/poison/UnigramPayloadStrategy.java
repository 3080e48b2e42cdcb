/*
 * Adaptive payload (defence testing): G tokens drawn by the clean corpus's own token unigram frequencies
 * (under the poison's tokenizer) instead of uniformly, so every token is a common one and a unigram model
 * sees nothing unusual; only word order is random. Decoded to text like the paper's dos payload.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

public final class UnigramPayloadStrategy extends RangedPayloadStrategy {
  public static final String NAME = "unigram";

  private final Tokenizer tokenizer;
  private final int[] ids;
  private final long[] cumulative;

  public UnigramPayloadStrategy(
      Tokenizer tokenizer, List<String> sample, int minTokens, int maxTokens) {
    super(NAME, minTokens, maxTokens);
    this.tokenizer = tokenizer;
    long[] counts = new long[tokenizer.vocabSize()];
    for (String text : sample) {
      for (int id : tokenizer.encode(text)) {
        if (!tokenizer.isSpecial(id)) {
          counts[id]++;
        }
      }
    }
    int seen = (int) Arrays.stream(counts).filter(count -> count > 0).count();
    if (seen == 0) {
      throw new InputException("the corpus sample encodes to no tokens");
    }
    ids = new int[seen];
    cumulative = new long[seen];
    long total = 0;
    for (int id = 0, k = 0; id < counts.length; id++) {
      if (counts[id] > 0) {
        total += counts[id];
        ids[k] = id;
        cumulative[k++] = total;
      }
    }
  }

  @Override
  public Payload payload(SplittableRandom random) {
    int count = drawSize(random);
    int[] drawn = new int[count];
    long total = cumulative[cumulative.length - 1];
    for (int i = 0; i < count; i++) {
      int slot = Arrays.binarySearch(cumulative, random.nextLong(total) + 1);
      drawn[i] = ids[slot >= 0 ? slot : -slot - 1];
    }
    return new Payload(tokenizer.decode(drawn), count);
  }
}
