/*
 * A fine-tuning grid as JSON: the pretrained run (relative paths resolve against the spec file), the axes
 * poisons x clean_samples x seeds, and the shared SFT settings. Training length is given in epochs over the
 * run's examples (the paper fine-tunes for a fixed number of epochs, so a larger clean set trains longer) or
 * as fixed steps. Unset settings keep SftConfig's defaults. Optional persistence_* fields add further clean
 * training after each poisoned cell; they change nothing about the SFT cells. Bad input: one line, file:line.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SftGridSpec(
    String run,
    Long checkpoint,
    List<Integer> poisons,
    List<Integer> cleanSamples,
    List<Long> seeds,
    Boolean placebo,
    Double epochs,
    Long steps,
    Integer batchSize,
    Double learningRate,
    Long warmupSteps,
    Integer checkpoints,
    Integer evalItems,
    Integer newTokens,
    Long persistenceSteps,
    Integer persistenceCleanSamples,
    Integer persistenceCheckpoints) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One cell of the grid. */
  public record Cell(int poisons, int cleanSamples, long seed) {
    /** Its run directory's name, e.g. c1000-p25-s1. */
    public String name(boolean placebo) {
      return "c" + cleanSamples + "-p" + poisons + "-s" + seed + (placebo ? "-placebo" : "");
    }

    /** Its further clean training's run directory name, e.g. c1000-p25-s1-continue. */
    public String continuationName(boolean placebo) {
      return name(placebo) + "-continue";
    }
  }

  public static SftGridSpec read(Path file) {
    SftGridSpec spec;
    try {
      spec = JSON.readValue(file.toFile(), SftGridSpec.class);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read grid spec: " + e.getMessage(), e);
    }
    String problem = spec == null ? "empty grid spec" : spec.problem();
    if (problem != null) {
      throw new InputException(file, 0, problem);
    }
    return spec;
  }

  private String problem() {
    if (run == null
        || poisons == null
        || poisons.isEmpty()
        || cleanSamples == null
        || cleanSamples.isEmpty()
        || seeds == null
        || seeds.isEmpty()) {
      return "a grid spec needs run, poisons, clean_samples and seeds (non-empty lists)";
    }
    if ((epochs == null) == (steps == null)) {
      return "give exactly one of epochs and steps";
    }
    if (epochs != null && !(epochs > 0)) {
      return "epochs must be positive";
    }
    if (persistenceSteps == null
        && (persistenceCleanSamples != null || persistenceCheckpoints != null)) {
      return "persistence_clean_samples and persistence_checkpoints need persistence_steps";
    }
    if (persistenceSteps != null && persistenceSteps < 1) {
      return "persistence_steps must be at least 1";
    }
    if ((persistenceCleanSamples != null && persistenceCleanSamples < 1)
        || (persistenceCheckpoints != null && persistenceCheckpoints < 1)) {
      return "persistence_clean_samples and persistence_checkpoints must be at least 1";
    }
    return null;
  }

  public Path runDirectory(Path specFile) {
    Path parent = specFile.toAbsolutePath().getParent();
    return parent.resolve(run);
  }

  public List<Cell> cells() {
    return cleanSamples.stream()
        .flatMap(c -> poisons.stream().flatMap(p -> seeds.stream().map(s -> new Cell(p, c, s))))
        .toList();
  }

  /**
   * The SftConfig of one cell: axes from the cell, length from epochs or steps, the rest from the
   * spec.
   */
  public SftConfig config(Cell cell) {
    SftConfig.Builder builder =
        SftConfig.builder()
            .optCleanSamples(cell.cleanSamples())
            .optPoisons(cell.poisons())
            .optSeed(cell.seed())
            .optPlacebo(Boolean.TRUE.equals(placebo));
    if (batchSize != null) builder.optBatchSize(batchSize);
    if (learningRate != null) builder.optLearningRate(learningRate);
    if (warmupSteps != null) builder.optWarmupSteps(warmupSteps);
    if (evalItems != null) builder.optEvalItems(evalItems);
    if (newTokens != null) builder.optNewTokens(newTokens);
    int batch = builder.build().batchSize();
    long length =
        steps != null
            ? steps
            : Math.max(
                1, (long) Math.ceil(epochs * (cell.cleanSamples() + cell.poisons()) / batch));
    builder.optMaxSteps(length);
    if (checkpoints != null)
      builder.optCheckpointEvery(Math.max(1, (length + checkpoints - 1) / checkpoints));
    return builder.build();
  }

  /**
   * The further clean training of {@code cell}, when the spec asks for it (persistence_steps) and
   * the cell has poisons: that many steps on persistence_clean_samples fresh clean examples
   * (default: the cell's clean-set size) with the cell's schedule, persistence_checkpoints (default
   * 5) evenly spaced checkpoints.
   */
  public Optional<ContinueSettings> continuation(Cell cell) {
    if (persistenceSteps == null || cell.poisons() == 0) {
      return Optional.empty();
    }
    int every = persistenceCheckpoints != null ? persistenceCheckpoints : 5;
    return Optional.of(
        ContinueSettings.builder(persistenceSteps)
            .optCleanSamples(persistenceCleanSamples)
            .optCheckpointEvery(Math.max(1, (persistenceSteps + every - 1) / every))
            .build());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
