/*
 * The adaptive payload strategies: seeded (same seed, same payload), sized as asked, and built only from
 * the corpus sample they were given (unigram: its tokens; real-words: its words; shuffled-sentences: its
 * sentences).
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.tokenizer.ByteTokenizer;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptiveStrategiesTest {
  private static final List<String> SAMPLE =
      List.of(
          "The cat sat on the mat. The dog sat on the log. A bird sang in the tree!",
          "The cat and the dog sat together. The bird sang again and the cat sat still.",
          "Every morning the bird sang. The dog sat. The cat sat on the mat again.");

  @Test
  void unigramPayloadUsesOnlyCorpusTokens() {
    ByteTokenizer bytes = new ByteTokenizer();
    UnigramPayloadStrategy strategy = new UnigramPayloadStrategy(bytes, SAMPLE, 50, 60);
    PoisonStrategy.Payload payload = strategy.payload(new SplittableRandom(1));
    assertTrue(payload.tokens() >= 50 && payload.tokens() <= 60);
    Set<Integer> corpusBytes = new java.util.HashSet<>();
    SAMPLE.forEach(
        text -> {
          for (int id : bytes.encode(text)) {
            corpusBytes.add(id);
          }
        });
    for (int id : bytes.encode(payload.text())) {
      assertTrue(corpusBytes.contains(id), "byte " + id + " is not in the corpus");
    }
    assertEquals(payload, strategy.payload(new SplittableRandom(1)));
  }

  @Test
  void realWordsAreCorpusWordsSeenThreeTimes() {
    RealWordsStrategy strategy = new RealWordsStrategy(SAMPLE, 20, 20);
    PoisonStrategy.Payload payload = strategy.payload(new SplittableRandom(2));
    String[] words = payload.text().strip().split(" ");
    assertEquals(20, words.length);
    Set<String> allowed = Set.of("the", "cat", "sat", "on", "mat", "dog", "bird", "sang");
    for (String word : words) {
      assertTrue(allowed.contains(word), word);
    }
  }

  @Test
  void shuffledSentencesAreCorpusSentences() {
    ShuffledSentencesStrategy strategy =
        new ShuffledSentencesStrategy(new ByteTokenizer(), SAMPLE, 100, 120);
    PoisonStrategy.Payload payload = strategy.payload(new SplittableRandom(3));
    assertTrue(payload.tokens() >= 100, "at least the wanted tokens");
    for (String sentence : payload.text().strip().split("(?<=[.!?]) ")) {
      assertTrue(SAMPLE.stream().anyMatch(text -> text.contains(sentence)), sentence);
    }
  }
}
