/*
 * What the payload strategies share: a name and the paper's payload size G, drawn uniformly from [min, max]
 * as the first draw of every payload (so seeded poison sets stay byte-identical).
 * Not the assembly of a poison: prefix + trigger + payload is PoisonGenerator's job.
 */
package dev.poisonlab.poison;

import dev.poisonlab.tokenizer.Tokenizer;
import java.util.SplittableRandom;

abstract class RangedPayloadStrategy implements PoisonStrategy {
  private final String name;
  private final int minSize;
  private final int maxSize;

  RangedPayloadStrategy(String name, int minSize, int maxSize) {
    if (minSize < 0 || maxSize < minSize) {
      throw new IllegalArgumentException(
          "payload tokens: need 0 <= min <= max, got " + minSize + ".." + maxSize);
    }
    this.name = name;
    this.minSize = minSize;
    this.maxSize = maxSize;
  }

  @Override
  public final String name() {
    return name;
  }

  /** G, the payload's size in tokens (words for real-words), uniform in [min, max]. */
  final int drawSize(SplittableRandom random) {
    return minSize + random.nextInt(maxSize - minSize + 1);
  }

  /**
   * Whole sentences drawn from {@code pool} (each after a space) until they hold at least G tokens:
   * the payload of the sentence-based strategies, which never cut a sentence, so a payload may run
   * past G by one sentence.
   */
  final Payload sentencePayload(SplittableRandom random, String[] pool, Tokenizer tokenizer) {
    int wanted = drawSize(random);
    StringBuilder text = new StringBuilder();
    int tokens = 0;
    while (tokens < wanted) {
      String sentence = " " + pool[random.nextInt(pool.length)];
      text.append(sentence);
      tokens += tokenizer.encode(sentence).length;
    }
    return new Payload(text.toString(), tokens);
  }
}
