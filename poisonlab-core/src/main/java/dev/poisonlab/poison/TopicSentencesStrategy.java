/*
 * Adaptive payload (defence testing): real sentences of the clean corpus that mention one topic keyword (whole
 * word, any case), in random order, until the payload holds G tokens of the poison's tokenizer. Harder than
 * shuffled-sentences for a detector: every word pair is natural and the sentences share a subject, so even
 * their order reads as plausible; the payload is off only at the level of discourse. Not a paraphraser: the
 * sentences are verbatim copies, so a near-duplicate detector would see them.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

public final class TopicSentencesStrategy extends RangedPayloadStrategy {
  public static final String NAME = "topic";

  private final Tokenizer tokenizer;
  private final String[] sentences;

  public TopicSentencesStrategy(
      Tokenizer tokenizer, List<String> texts, String topic, int minTokens, int maxTokens) {
    super(NAME, minTokens, maxTokens);
    Pattern pattern = pattern(topic);
    List<String> found = new ArrayList<>();
    for (String text : texts) {
      // the same sentence split as shuffled-sentences
      for (String sentence : text.replace('\n', ' ').split("(?<=[.!?])\\s+")) {
        String trimmed = sentence.strip();
        if (trimmed.length() >= 20 && trimmed.length() <= 400 && pattern.matcher(trimmed).find()) {
          found.add(trimmed);
        }
      }
    }
    if (found.isEmpty()) {
      throw new InputException(
          "no sentence of 20..400 characters in the corpus mentions '" + topic + "'");
    }
    this.tokenizer = tokenizer;
    this.sentences = found.toArray(String[]::new);
  }

  /**
   * The topic as a whole word or phrase, any case: "war" matches "War," but not "award" or "wars".
   */
  static Pattern pattern(String topic) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(topic.strip()) + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** How many distinct-position sentences the pool holds (for the generator's report and tests). */
  int sentences() {
    return sentences.length;
  }

  @Override
  public Payload payload(SplittableRandom random) {
    return sentencePayload(random, sentences, tokenizer);
  }
}
