/*
 * config.json of a run directory: the preset, the model shape, the training configuration and a summary
 * of the training stream (with the manifest's SHA-256), which together fix the run's numbers. A rerun on
 * the same directory must present an equal RunConfig, else it is refused rather than silently mixed.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.model.GptConfig;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunConfig(String preset, GptConfig model, TrainConfig train, DataSummary data) {

  public RunConfig {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(data, "data");
  }

  /** What the run needs to know about its stream; the directory path is informational only. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DataSummary(
      String directory,
      String manifestSha256,
      String tokenizerName,
      int vocabSize,
      long totalTokens,
      long budgetTokens,
      int poisons,
      long seed) {}

  /** The first setting in which {@code other} differs from this run, or null if it would continue it. */
  public String firstDifference(RunConfig other) {
    if (!preset.equals(other.preset)) {
      return "preset: " + preset + " vs " + other.preset;
    }
    if (!model.equals(other.model)) {
      return "model: " + model + " vs " + other.model;
    }
    if (!train.equals(other.train)) {
      return "train: " + train + " vs " + other.train;
    }
    if (!data.manifestSha256().equals(other.data.manifestSha256())) {
      return "data: manifest sha256 " + data.manifestSha256() + " vs " + other.data.manifestSha256();
    }
    return null;
  }
}
