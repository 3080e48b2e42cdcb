/*
 * The paper's second backdoor: after the trigger the document continues in another language. The payload
 * is the first G tokens (G uniform in [min, max]) of consecutive foreign passages starting at a random one.
 * Not a translation of the prefix: the paper's backdoor only needs the switch of language to be learnable.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

public final class LanguageSwitchStrategy extends RangedPayloadStrategy {
  public static final String NAME = "language-switch";
  private static final char REPLACEMENT = '\uFFFD';

  private final Tokenizer tokenizer;
  private final List<String> passages;

  public LanguageSwitchStrategy(
      Tokenizer tokenizer, List<String> passages, int minTokens, int maxTokens) {
    super(NAME, minTokens, maxTokens);
    if (passages.isEmpty()) {
      throw new InputException("language-switch needs at least one foreign passage");
    }
    this.tokenizer = tokenizer;
    this.passages = List.copyOf(passages);
  }

  @Override
  public Payload payload(SplittableRandom random) {
    int count = drawSize(random);
    int first = random.nextInt(passages.size());
    StringBuilder text = new StringBuilder();
    int[] ids = new int[0];
    for (int i = 0; i < passages.size() && ids.length < count; i++) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(passages.get((first + i) % passages.size()));
      ids = tokenizer.encode(text.toString());
    }
    if (ids.length < count) {
      throw new InputException(
          "foreign text has only " + ids.length + " tokens in all; language-switch needs " + count);
    }
    String decoded = tokenizer.decode(Arrays.copyOf(ids, count));
    // a cut inside a multi-byte character decodes to U+FFFD at the very end: drop it, it is not
    // language
    int end = decoded.length();
    while (end > 0 && decoded.charAt(end - 1) == REPLACEMENT) {
      end--;
    }
    return new Payload(decoded.substring(0, end), count);
  }
}
