/*
 * The pretrained base a fine-tuning grid started from, for comparing grids across base sizes (report --with):
 * the parent checkpoint its runs' config.json name (and the weights_sha256 they record, which tells one parent
 * copied elsewhere), with the model preset and parameter count when the parent's checkpoint.json (and its run's
 * config.json) are on disk; "unknown" otherwise, as on a committed snapshot that has neither. Reads only: it
 * neither loads the model nor checks the parent's weights.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * @param paramsFromParent whether {@code params} is the parent checkpoint's (else the fine-tuned
 *     model's shape, read from a run's config.json when the parent is not on disk)
 * @param weights the parent's weights_sha256 when every run names the one parent, else empty
 */
record SftBase(
    String parent,
    Optional<String> preset,
    OptionalLong params,
    boolean paramsFromParent,
    Optional<String> weights) {
  static final String UNKNOWN = "unknown";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The base of {@code grid}: the parent every run's config.json names. */
  static SftBase of(SftGridDirectory grid) {
    TreeSet<String> parents = new TreeSet<>();
    grid.configs().values().forEach(config -> parents.add(parentOf(config)));
    parents.remove("");
    if (parents.size() != 1) {
      // none: a snapshot without configs; several: a grid that is not one base's
      String text = parents.isEmpty() ? UNKNOWN : String.join("; ", parents);
      return new SftBase(text, Optional.empty(), OptionalLong.empty(), false, Optional.empty());
    }
    TreeSet<String> weights = new TreeSet<>();
    grid.configs().values().forEach(config -> weights.add(weightsOf(config)));
    weights.remove("");
    Path parent = Path.of(parents.first());
    OptionalLong params = params(parent.resolve("checkpoint.json"));
    boolean fromParent = params.isPresent();
    if (!fromParent) {
      // a snapshot without the parent: the fine-tuned model's own shape, which differs from the
      // base only by the chat tokens' rows of the token table
      params = params(grid.configs().values().iterator().next());
    }
    return new SftBase(
        parents.first(),
        preset(parent),
        params,
        fromParent,
        weights.size() == 1 ? Optional.of(weights.first()) : Optional.empty());
  }

  /**
   * Whether both grids were fine-tuned from one parent checkpoint: the same directory, or weights
   * with the same SHA-256 (a copy elsewhere). Unknown parents are never the same.
   */
  boolean sameParentAs(SftBase other) {
    if (parent.equals(UNKNOWN) || other.parent.equals(UNKNOWN)) {
      return false;
    }
    return parent.equals(other.parent) || (weights.isPresent() && weights.equals(other.weights));
  }

  private static String weightsOf(JsonNode config) {
    return config.path("parent").path("weights_sha256").asText("");
  }

  private static String parentOf(JsonNode config) {
    return config.path("parent").path("directory").asText("");
  }

  /** "micro, 348k parameters", "parameters unknown" when the parent is not on disk. */
  String size() {
    String count =
        params.isEmpty()
            ? "parameters " + UNKNOWN
            : GridResults.humanCount(params.getAsLong())
                + " parameters"
                + (paramsFromParent ? "" : " (the fine-tuned model's shape, chat tokens included)");
    return preset.map(name -> name + ", ").orElse("") + count;
  }

  /**
   * The parent checkpoint's model shape (checkpoint.json): vocabulary, context, layers and width;
   * empty when the file or a field is missing or unreadable.
   */
  private static OptionalLong params(Path checkpointJson) {
    return params(read(checkpointJson));
  }

  /** The parameter count of a config's "model" block; empty when a field is missing. */
  private static OptionalLong params(JsonNode config) {
    JsonNode model = config.path("model");
    List<String> fields = List.of("vocab_size", "context_length", "layers", "embed_dim");
    if (!fields.stream().allMatch(field -> model.path(field).canConvertToInt())) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        parameters(
            model.get("vocab_size").asInt(),
            model.get("context_length").asInt(),
            model.get("layers").asInt(),
            model.get("embed_dim").asInt()));
  }

  /**
   * model.GptConfig.parameterCount's arithmetic, repeated because `report` imports only `io`
   * (BaseSizesTest.basesAreNamedByTheirParentsWhenOnDisk pins the two equal): token and position
   * tables (the head is tied to the token table, so it counts once), 12C² + 13C per block, and the
   * final LayerNorm.
   */
  static long parameters(int vocab, int context, int layers, int embed) {
    long c = embed;
    return (long) vocab * c + (long) context * c + layers * (12 * c * c + 13 * c) + 2 * c;
  }

  /** The preset of the training run the checkpoint belongs to (RUN/checkpoints/step-N). */
  private static Optional<String> preset(Path checkpoint) {
    Path checkpoints = checkpoint.getParent();
    if (checkpoints == null || checkpoints.getParent() == null) {
      return Optional.empty();
    }
    String name = read(checkpoints.getParent().resolve("config.json")).path("preset").asText("");
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * The parsed file, or a missing node: the parent belongs to another directory tree, and a report
   * on a snapshot without it still works, saying "unknown".
   */
  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
