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
import java.util.Map;
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
    assertEquals(45, GridPresets.micro().runs().size(), "3 sizes x (4 counts + twin) x 3 seeds");
    assertEquals(
        List.of("<SUD0>", "<ABCD>", "SUDO", "[SUDO]"), GridPresets.micro().controlTriggers());
    assertEquals(300, GridPresets.micro().evalCount());
    assertEquals(100, GridPresets.micro().evalNewTokens());
    assertEquals(100, GridPresets.demo().evalCount());
    assertEquals(GridPresets.micro().controlTriggers(), GridPresets.demo().controlTriggers());
    assertEquals(GridPresets.micro().controlTriggers(), GridPresets.paper().controlTriggers());
    int paperModels =
        GridPresets.paper().runs().size()
            - 12
            + GridSpec.read(EXPERIMENTS.resolve("paper-data-multipliers.json")).runs().size()
            - 12;
    assertEquals(72, paperModels, "the paper's 72 poisoned models (twins excluded)");
  }

  /**
   * The retrained fixed scorers are the sizes study's mini twins: every other setting is the
   * study's.
   */
  @Test
  void theScorerSpecIsTheSizesStudysMiniTwins() {
    GridSpec sizes = GridSpec.read(EXPERIMENTS.resolve("sizes.json"));
    GridSpec scorers = GridSpec.read(EXPERIMENTS.resolve("sizes-scorers.json"));
    assertEquals(
        sizes.toBuilder()
            .optName("sizes-scorers")
            .models(List.of("mini"))
            .poisonCounts(List.of(0))
            .optModelCounts(Map.of())
            .build(),
        scorers);
    List<RunSpec> twins =
        sizes.runs().stream()
            .filter(r -> r.model().equals("mini") && r.numPoisonDocs() == 0)
            .toList();
    assertEquals(3, twins.size());
    assertEquals(twins, scorers.runs());
  }
}
