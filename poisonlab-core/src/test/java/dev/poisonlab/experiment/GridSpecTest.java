/*
 * Grid expansion: sizes x counts x multipliers x seeds plus one clean twin per (size, multiplier, seed), in a
 * fixed order with unique ids; specs read from commented JSON, and bad specs fail naming the field or line.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSpecTest {
  @TempDir Path dir;

  private static GridSpec spec(List<Integer> counts, boolean twin) {
    return new GridSpec("t", List.of("a", "b"), counts, List.of(0.5, 1.0), List.of(1L, 2L), twin, 20,
        "dos", "<SUDO>", List.of("<SUD0>"), "bpe:1024", List.of("embedded"), "embedded:heldout", 8, 10, 50, 32, 64);
  }

  @Test
  void expandsFullCrossProductWithOneTwinPerCell() {
    List<RunSpec> runs = spec(List.of(100, 250), true).runs();
    assertEquals(2 * 2 * 2 * 3, runs.size());
    assertEquals(runs.size(), new HashSet<>(runs.stream().map(RunSpec::id).toList()).size());
    assertEquals("a-p0-x0.5-s1", runs.get(0).id());
    assertEquals("a-p100-x0.5-s1", runs.get(1).id());
    assertEquals(8, runs.stream().filter(RunSpec::isCleanTwin).count());
  }

  @Test
  void zeroInCountsIsNotDuplicatedByTheTwin() {
    assertEquals(2 * 2 * 2 * 2, spec(List.of(0, 250), true).runs().size());
    assertEquals(2 * 2 * 2, spec(List.of(250), false).runs().size());
  }

  @Test
  void readsCommentedJsonAndRejectsTypos() throws IOException {
    Path file = dir.resolve("grid.json");
    Files.writeString(file, spec(List.of(250), true).toJson().replace("{", "{\n  // a comment\n"));
    assertEquals(spec(List.of(250), true), GridSpec.read(file));
    Files.writeString(file, spec(List.of(250), true).toJson().replace("\"seeds\"", "\"seedz\" : [1],\n\"seeds\""));
    InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().contains("seedz"), error.getMessage());
    assertTrue(error.line() > 0, error.getMessage());
    Files.writeString(file, spec(List.of(250), true).toJson().replaceAll("\"seeds\" : \\[[^]]*],", ""));
    error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().contains("'seeds'"), error.getMessage());
  }

  @Test
  void invalidValuesNameTheirField() {
    var error = assertThrows(IllegalArgumentException.class, () -> spec(List.of(-1), true));
    assertTrue(error.getMessage().startsWith("poison_counts"), error.getMessage());
    error = assertThrows(IllegalArgumentException.class, () -> spec(List.of(5, 5), true));
    assertTrue(error.getMessage().startsWith("poison_counts lists a value twice"), error.getMessage());
  }
}
