/*
 * Every strategy name PoisonConfig accepts builds the strategy of that name (the generator's switch once turned
 * any name without a case into `dos`), and a name outside the list is refused before any strategy is built.
 */
package dev.poisonlab.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.tokenizer.ByteTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyNamesTest {
  @TempDir Path dir;

  @Test
  void everyAcceptedNameBuildsItsOwnStrategy() throws Exception {
    Path corpus = dir.resolve("c.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      lines
          .append("{\"text\":\"The war of the year ")
          .append(i)
          .append(" was long and hard for everyone. ")
          .append("People wrote many letters about the harvest and the weather.\"}\n");
    }
    Files.writeString(corpus, lines);
    for (String name : PoisonConfig.STRATEGIES) {
      PoisonConfig.Builder builder = PoisonConfig.builder(List.of(corpus)).strategy(name);
      PoisonConfig config =
          (TopicSentencesStrategy.NAME.equals(name) ? builder.topic("war") : builder).build();
      assertEquals(name, PoisonGenerator.strategyFor(config, new ByteTokenizer()).name(), name);
    }
    assertEquals(
        6, PoisonConfig.STRATEGIES.size(), "a new strategy needs a case and this count updated");
    assertThrows(
        IllegalArgumentException.class,
        () -> PoisonConfig.builder(List.of(corpus)).strategy("no-such").build());
  }
}
