/*
 * The spec files shipped in experiments/ parse, and the ones that mirror a preset stay equal to it, so the
 * commented JSON a user reads is exactly what `grid --preset` runs.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedSpecsTest {
  private static final Path EXPERIMENTS = Path.of("..", "experiments");

  @Test
  void everyShippedSpecParsesAndPresetMirrorsMatch() throws IOException {
    List<Path> specs;
    try (Stream<Path> files = Files.list(EXPERIMENTS)) {
      specs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(specs.size() >= 3, specs.toString());
    for (Path spec : specs) {
      assertTrue(GridSpec.read(spec).runs().size() > 0, spec.toString());
    }
    assertEquals(GridPresets.micro(), GridSpec.read(EXPERIMENTS.resolve("micro.json")));
    assertEquals(GridPresets.paper(), GridSpec.read(EXPERIMENTS.resolve("paper.json")));
    assertEquals(30, GridPresets.micro().runs().size());
    int paperModels = GridPresets.paper().runs().size() - 12
        + GridSpec.read(EXPERIMENTS.resolve("paper-data-multipliers.json")).runs().size() - 12;
    assertEquals(72, paperModels, "the paper's 72 poisoned models (twins excluded)");
  }
}
