/*
 * GridSpec.builder(): the published grid's settings as defaults, toBuilder() as an exact copy, and grid.json
 * unchanged by either (a built spec and its JSON read back are equal). Not the JSON rules themselves
 * (GridSpecTest) nor the shipped specs (ShippedSpecsTest).
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSpecBuilderTest {
  private static GridSpecBuilder minimal() {
    return GridSpec.builder()
        .models(List.of("nano"))
        .poisonCounts(List.of(10))
        .seeds(List.of(1L))
        .tokenizer("bytes")
        .corpus(List.of("embedded"));
  }

  @Test
  void defaultsAreThePublishedGridsSettings() {
    GridSpec paper = GridPresets.paper();
    GridSpec built = minimal().build();
    assertEquals("grid", built.name());
    assertEquals(List.of(1.0), built.dataMultipliers());
    assertEquals(List.of("none"), built.defenses());
    assertEquals(
        List.of(
            paper.cleanTwin(),
            paper.tokensPerParam(),
            paper.strategy(),
            paper.trigger(),
            paper.controlTriggers(),
            paper.batchSize(),
            paper.checkpoints(),
            paper.evalCount(),
            paper.evalNewTokens(),
            paper.evalPromptTokens()),
        List.of(
            built.cleanTwin(),
            built.tokensPerParam(),
            built.strategy(),
            built.trigger(),
            built.controlTriggers(),
            built.batchSize(),
            built.checkpoints(),
            built.evalCount(),
            built.evalNewTokens(),
            built.evalPromptTokens()));
  }

  @Test
  void toBuilderCopiesEverySettingAndJsonRoundTrips() {
    GridSpec spec =
        minimal()
            .optName("full")
            .optDefenses(List.of("none", "surprisal"))
            .optPlaceboCounts(List.of(10))
            .optModelCounts(Map.of("nano", new ModelCounts(List.of(5), null)))
            .optExcerpts("embedded:heldout")
            .optBatchSize(3)
            .build();
    assertEquals(spec, spec.toBuilder().build());
    for (GridSpec preset :
        List.of(spec, GridPresets.demo(), GridPresets.micro(), GridPresets.paper())) {
      assertEquals(
          preset,
          GridSpec.parse(Path.of("grid.json"), preset.toJson().getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void missingAxesAreNamedByGridSpecsOwnChecks() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> minimal().models(null).build());
    assertEquals("models must list at least one value", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> minimal().tokenizer(null).build());
    assertThrows(IllegalArgumentException.class, () -> minimal().corpus(List.of()).build());
  }
}
