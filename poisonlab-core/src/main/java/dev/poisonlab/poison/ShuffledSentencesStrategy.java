/*
 * Adaptive payload (defence testing): real sentences of the clean corpus in random order until the payload
 * holds G tokens of the poison's tokenizer. Every word pair inside a sentence is natural, so n-gram
 * surprisal sees ordinary text; the payload is "gibberish" only at the level of discourse.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

public final class ShuffledSentencesStrategy extends RangedPayloadStrategy {
  public static final String NAME = "shuffled-sentences";

  private final Tokenizer tokenizer;
  private final String[] sentences;

  public ShuffledSentencesStrategy(
      Tokenizer tokenizer, List<String> sample, int minTokens, int maxTokens) {
    super(NAME, minTokens, maxTokens);
    List<String> found = new ArrayList<>();
    for (String text : sample) {
      for (String sentence : text.replace('\n', ' ').split("(?<=[.!?])\\s+")) {
        String trimmed = sentence.strip();
        if (trimmed.length() >= 20 && trimmed.length() <= 400) {
          found.add(trimmed);
        }
      }
    }
    if (found.isEmpty()) {
      throw new InputException("the corpus sample has no sentences of 20..400 characters");
    }
    this.tokenizer = tokenizer;
    this.sentences = found.toArray(String[]::new);
  }

  @Override
  public Payload payload(SplittableRandom random) {
    return sentencePayload(random, sentences, tokenizer);
  }
}
