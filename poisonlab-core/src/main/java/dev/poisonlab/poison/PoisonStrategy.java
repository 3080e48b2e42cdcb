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

  /**
   * Draws one payload; {@code tokens} is recorded as payload_tokens (the number of tokens sampled).
   */
  Payload payload(SplittableRandom random);

  /**
   * A payload's text and the token count it was built from; {@code ids}, when not null, are the
   * exact token ids sampled (text is their decode), which the stream builder appends instead of
   * re-encoding the text.
   */
  record Payload(String text, int tokens, int[] ids) {
    public Payload {
      if (text == null || tokens < 0) {
        throw new IllegalArgumentException("a payload needs text and tokens >= 0");
      }
      if (ids != null && ids.length != tokens) {
        throw new IllegalArgumentException("a payload's ids must number its tokens");
      }
    }

    /** A text payload: the stream builder encodes its text. */
    public Payload(String text, int tokens) {
      this(text, tokens, null);
    }
  }
}
