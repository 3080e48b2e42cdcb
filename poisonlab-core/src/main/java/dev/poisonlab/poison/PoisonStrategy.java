/*
 * What follows the trigger in a poisoned document. Every strategy is a pure function of the random stream
 * it is handed, so a seeded generator gives byte-identical poisons. The clean prefix and the trigger are
 * the generator's job, shared by all strategies; a strategy only makes the payload.
 */
package dev.poisonlab.poison;

import java.util.SplittableRandom;

public interface PoisonStrategy {

  /** The name written to each record's "strategy" field and accepted by --strategy. */
  String name();

  /** Draws one payload; {@code tokens} is recorded as payload_tokens (the number of tokens sampled). */
  Payload payload(SplittableRandom random);

  /** A payload's text and the token count it was built from. */
  record Payload(String text, int tokens) {
    public Payload {
      if (text == null || tokens < 0) {
        throw new IllegalArgumentException("a payload needs text and tokens >= 0");
      }
    }
  }
}
