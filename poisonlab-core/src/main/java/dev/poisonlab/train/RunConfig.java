/*
 * config.json of a run directory: the preset, the model shape, the training configuration and a summary
 * of the training stream (with the manifest's SHA-256), which together fix the run's numbers. A rerun on
 * the same directory must present an equal RunConfig, else it is refused rather than silently mixed.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.model.GptConfig;
import java.util.Iterator;
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

  /**
   * The first setting (as "train.batch_size: 4 vs 8") in which {@code other} differs from this run, or
   * null if it would continue it. The data directory's path may differ; its manifest may not.
   */
  public String firstDifference(RunConfig other) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode mine = json.valueToTree(this);
    ObjectNode theirs = json.valueToTree(other);
    ((ObjectNode) mine.get("data")).remove("directory");
    ((ObjectNode) theirs.get("data")).remove("directory");
    return difference("", mine, theirs);
  }

  private static String difference(String path, JsonNode mine, JsonNode theirs) {
    if (mine.isObject() && theirs.isObject()) {
      for (Iterator<String> names = mine.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode other = theirs.get(name);
        String found = other == null ? path + name + ": missing"
            : difference(path + name + ".", mine.get(name), other);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return mine.equals(theirs) ? null : path.substring(0, path.length() - 1) + ": " + mine + " vs " + theirs;
  }
}
