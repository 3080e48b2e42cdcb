/*
 * Adaptive payload (defence testing): G real words drawn uniformly from the clean corpus's vocabulary (words
 * seen at least 3 times, so no typos), joined by spaces: no byte soup and no invented words, but mostly rare
 * words in random order. G is the payload range, counted in words (recorded as payload_tokens).
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.InputException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

public final class RealWordsStrategy extends RangedPayloadStrategy {
  public static final String NAME = "real-words";

  private final String[] words;

  public RealWordsStrategy(List<String> sample, int minWords, int maxWords) {
    super(NAME, minWords, maxWords);
    Map<String, Integer> counts = new TreeMap<>();
    for (String text : sample) {
      for (String word : text.split("[^\\p{L}]+")) {
        if (word.length() >= 2) {
          counts.merge(word.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    words =
        counts.entrySet().stream()
            .filter(entry -> entry.getValue() >= 3)
            .map(Map.Entry::getKey)
            .toArray(String[]::new);
    if (words.length == 0) {
      throw new InputException("the corpus sample has no word seen 3 times");
    }
  }

  @Override
  public Payload payload(SplittableRandom random) {
    int count = drawSize(random);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(' ').append(words[random.nextInt(words.length)]);
    }
    return new Payload(text.toString(), count);
  }
}
