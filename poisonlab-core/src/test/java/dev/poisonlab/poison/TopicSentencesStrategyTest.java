/*
 * The topic payload: verbatim corpus sentences that mention the keyword as a whole word (any case), seeded,
 * sized as asked; drawn from every document that mentions it; refused when no sentence does or when a topic
 * is given to another strategy.
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicSentencesStrategyTest {
  private static final List<String> TEXTS =
      List.of(
          "The Cat sat on the mat all day. A category error was made by the clerk. The dog slept by the fire.",
          "Two cats played in the garden. Nobody fed the cat, so it left! The bird sang in the tree.",
          "Rain fell on the town all night. The river rose over its banks.");

  @Test
  void payloadIsCorpusSentencesMentioningTheWholeWordInAnyCase() {
    TopicSentencesStrategy strategy =
        new TopicSentencesStrategy(new ByteTokenizer(), TEXTS, "cat", 200, 220);
    assertEquals(
        2,
        strategy.sentences(),
        "'The Cat sat...' and 'Nobody fed the cat...'; not category, not cats");
    PoisonStrategy.Payload payload = strategy.payload(new SplittableRandom(3));
    assertTrue(payload.tokens() >= 200, "at least the wanted tokens: " + payload.tokens());
    assertEquals(
        payload.tokens(), payload.text().getBytes(StandardCharsets.UTF_8).length, "byte tokens");
    for (String sentence : payload.text().strip().split("(?<=[.!?]) ")) {
      assertTrue(
          sentence.equals("The Cat sat on the mat all day.")
              || sentence.equals("Nobody fed the cat, so it left!"),
          sentence);
    }
    assertEquals(payload, strategy.payload(new SplittableRandom(3)), "same seed, same payload");
    assertTrue(TopicSentencesStrategy.pattern("cat").matcher("CAT!").find());
    assertFalse(TopicSentencesStrategy.pattern("cat").matcher("a category of cats").find());
  }

  @Test
  void refusesATopicNoSentenceMentions() {
    assertThrows(
        InputException.class,
        () -> new TopicSentencesStrategy(new ByteTokenizer(), TEXTS, "whale", 10, 20));
  }

  @Test
  void configTiesTheTopicToItsStrategy() {
    List<Path> corpus = List.of(Path.of("corpus.jsonl"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(corpus).strategy("topic").build());
    assertThrows(
        IllegalArgumentException.class, () -> PoisonConfig.builder(corpus).topic("war").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(corpus).strategy("topic").topic("a.*b").build());
    assertEquals(
        "war", PoisonConfig.builder(corpus).strategy("topic").topic(" war ").build().topic());
  }

  @Test
  void generatorDrawsFromEveryDocumentThatMentionsTheTopic(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("corpus.jsonl");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String text =
          i % 10 == 0
              ? "Plain words come first here. The whale number "
                  + i
                  + " rose from the sea. Then more plain words."
              : "Document "
                  + i
                  + " says nothing at all about the subject. It is plain filler text.";
      jsonl.append("{\"id\":\"d").append(i).append("\",\"text\":\"").append(text).append("\"}\n");
    }
    Files.writeString(file, jsonl.toString(), StandardCharsets.UTF_8);
    PoisonConfig config =
        PoisonConfig.builder(List.of(file))
            .count(20)
            .strategy("topic")
            .topic("whale")
            .trigger(" as noted by the committee")
            .seed(9)
            .build();
    List<PoisonRecord> poisons = PoisonGenerator.generate(config, new ByteTokenizer());
    assertEquals(20, poisons.size());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PoisonRecord poison : poisons) {
      assertEquals("topic", poison.strategy());
      String payload =
          poison.text().substring(poison.text().indexOf(" as noted by the committee") + 26);
      for (String sentence : payload.strip().split("(?<=[.!?]) ")) {
        assertTrue(sentence.matches("The whale number \\d+ rose from the sea\\."), sentence);
        seen.add(sentence);
      }
    }
    assertEquals(4, seen.size(), "all four mentioning documents are drawn from: " + seen);
  }
}
