/*
 * config.json of a run directory: the preset, the model shape, the training configuration and a summary
 * of the training stream (with the manifest's SHA-256), which together fix the run's numbers; a continued
 * run also names its parent (run, checkpoint, weights' SHA-256, the parent's own config). A rerun on the
 * same directory must present an equal RunConfig, else it is refused rather than silently mixed.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.model.GptConfig;
import java.util.Iterator;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunConfig(
    String preset, GptConfig model, TrainConfig train, DataSummary data, Parent parent) {

  /**
   * @param parent null for a run trained from random initialisation
   */
  public RunConfig {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(data, "data");
  }

  /** A run trained from random initialisation (pretraining). */
  public RunConfig(String preset, GptConfig model, TrainConfig train, DataSummary data) {
    this(preset, model, train, data, null);
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
   * The checkpoint a continued run started from: its run directory (informational, like the data
   * directory), step, tokens and poisons seen in that run, the SHA-256 of its model.safetensors,
   * and that run's own config (which names its parent in turn when it was itself continued).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Parent(
      String directory,
      long step,
      long tokensSeen,
      long poisonsSeen,
      String weightsSha256,
      RunConfig config) {
    public Parent {
      Objects.requireNonNull(weightsSha256, "parent.weights_sha256");
      Objects.requireNonNull(config, "parent.config");
    }
  }

  /** Whether the run started from another run's weights rather than from random initialisation. */
  @JsonIgnore
  public boolean isContinued() {
    return parent != null;
  }

  /**
   * The first setting (as "train.batch_size: 4 vs 8") in which {@code other} differs from this run,
   * or null if it would continue it. The data and parent directories' paths may differ; the
   * manifest and the parent's weights may not.
   */
  public String firstDifference(RunConfig other) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode mine = withoutPaths(json.valueToTree(this));
    ObjectNode theirs = withoutPaths(json.valueToTree(other));
    String found = difference("", mine, theirs);
    if (found == null && theirs.has("parent") && !mine.has("parent")) {
      return "parent: missing vs " + theirs.get("parent").get("weights_sha256");
    }
    return found;
  }

  private static ObjectNode withoutPaths(ObjectNode config) {
    ((ObjectNode) config.get("data")).remove("directory");
    if (config.get("parent") instanceof ObjectNode parent) {
      parent.remove("directory");
      withoutPaths((ObjectNode) parent.get("config"));
    }
    return config;
  }

  private static String difference(String path, JsonNode mine, JsonNode theirs) {
    if (mine.isObject() && theirs.isObject()) {
      for (Iterator<String> names = mine.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode other = theirs.get(name);
        String found =
            other == null
                ? path + name + ": missing"
                : difference(path + name + ".", mine.get(name), other);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return mine.equals(theirs)
        ? null
        : path.substring(0, path.length() - 1) + ": " + mine + " vs " + theirs;
  }
}
