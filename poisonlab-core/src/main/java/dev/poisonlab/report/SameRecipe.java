/*
 * Whether another grid directory trained and evaluated like this one, so that its runs may stand beside this
 * grid's (report --with): grid.json equal except for the run list (models, counts, budgets, seeds), recipe.json
 * equal, every run's tokenizer, vocabulary, context, batch, optimizer and poison placement (train/config.json,
 * stream/manifest.json) equal to this grid's, and a model's shape and learning rate equal to this grid's runs of
 * that model. The first difference is an InputException naming the other grid's file. It reads and checks only.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class SameRecipe {
  /**
   * What two grids may differ in: which runs exist, not how a run is trained or evaluated. The
   * token budget is tokens_per_param times a data multiplier, so either may set it; the training
   * controls pair runs on the tokens and steps they recorded.
   */
  static final Set<String> RUN_LIST =
      Set.of(
          "name",
          "models",
          "poison_counts",
          "placebo_counts",
          "model_counts",
          "data_multipliers",
          "tokens_per_param",
          "seeds");

  /**
   * A grid.json from before the defence axis has no "defenses": every run was undefended
   * (GridSpecJson reads it so), which is what ["none"] says.
   */
  private static final String DEFENSES = "defenses";

  /**
   * The settings of a run's training config that every run of a grid shares and that decide what
   * its tokens and batches are and how they move the weights. The warmup and the number of steps
   * follow from the run's budget, the checkpoints from grid.json.
   */
  static final List<String> RUN_SETTINGS =
      List.of(
          "/data/tokenizer_name",
          "/data/vocab_size",
          "/model/vocab_size",
          "/model/context_length",
          "/train/batch_size",
          "/train/grad_accum_steps",
          "/train/min_learning_rate_ratio",
          "/train/weight_decay",
          "/train/beta1",
          "/train/beta2",
          "/train/epsilon",
          "/train/grad_clip");

  /**
   * The settings a model preset decides: checked against this grid's runs of the same preset, so
   * that "the same model" in the training controls is the same shape trained at the same rate.
   */
  static final List<String> MODEL_SETTINGS =
      List.of("/model/layers", "/model/heads", "/model/embed_dim", "/train/learning_rate");

  /**
   * The same for the run's token stream: the tokenizer's bytes, the corpus it read, how the budget
   * counts and where the poisons go.
   */
  static final List<String> STREAM_SETTINGS =
      List.of(
          "/tokenizer_sha256",
          "/vocab_size",
          "/placement",
          "/build/corpus_documents",
          "/build/budget_counts",
          "/build/separator");

  static final String RECIPE = "recipe.json";

  private static final String WHY =
      " (grids compared with --with must share the tokenizer, corpus, context, batch, optimizer and"
          + " evaluation; only models, poison counts, token budgets and seeds may differ)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SameRecipe() {}

  /** Throws at the first setting of {@code other} that differs from {@code own}'s. */
  static void check(GridDirectory own, GridDirectory other) {
    JsonNode ownSpec = spec(own);
    JsonNode otherSpec = spec(other);
    Set<String> keys = new TreeSet<>();
    ownSpec.fieldNames().forEachRemaining(keys::add);
    otherSpec.fieldNames().forEachRemaining(keys::add);
    keys.removeAll(RUN_LIST);
    for (String key : keys) {
      require(
          other.directory().resolve(GridDirectory.GRID),
          "\"" + key + "\"",
          otherSpec.path(key),
          own.directory().resolve(GridDirectory.GRID),
          ownSpec.path(key));
    }
    Path ownRecipe = own.directory().resolve(RECIPE);
    Path otherRecipe = other.directory().resolve(RECIPE);
    require(otherRecipe, "the recipe", json(otherRecipe), ownRecipe, json(ownRecipe));
    settings(own, other, GridDirectory.TRAIN + "/" + GridDirectory.CONFIG, RUN_SETTINGS);
    settings(own, other, PoisonLengths.MANIFEST, STREAM_SETTINGS);
    models(own, other);
  }

  /**
   * Every run's file of {@code other} against the first run's of {@code own} that has one; a
   * setting neither file has is no difference.
   */
  private static void settings(
      GridDirectory own, GridDirectory other, String file, List<String> pointers) {
    Optional<Path> reference = files(own, file).stream().findFirst();
    if (reference.isEmpty()) {
      return;
    }
    JsonNode expected = json(reference.get());
    for (Path path : files(other, file)) {
      JsonNode found = json(path);
      for (String pointer : pointers) {
        require(path, name(pointer), found.at(pointer), reference.get(), expected.at(pointer));
      }
    }
  }

  /**
   * Every run config of {@code other} against the first of {@code own} with the same preset; a
   * preset this grid did not train, or a config naming none, has nothing to be checked against.
   */
  private static void models(GridDirectory own, GridDirectory other) {
    String config = GridDirectory.TRAIN + "/" + GridDirectory.CONFIG;
    Map<String, Path> reference = new HashMap<>();
    for (Path path : files(own, config)) {
      reference.putIfAbsent(json(path).path("preset").asText(""), path);
    }
    reference.remove("");
    for (Path path : files(other, config)) {
      JsonNode found = json(path);
      Path ownPath = reference.get(found.path("preset").asText(""));
      if (ownPath != null) {
        JsonNode expected = json(ownPath);
        for (String pointer : MODEL_SETTINGS) {
          require(path, name(pointer), found.at(pointer), ownPath, expected.at(pointer));
        }
      }
    }
  }

  /** "train.batch_size" for "/train/batch_size". */
  private static String name(String pointer) {
    return pointer.substring(1).replace('/', '.');
  }

  private static void require(
      Path file, String what, JsonNode found, Path reference, JsonNode expected) {
    requireEqual(file, what, found, reference, expected, WHY);
  }

  /**
   * One line naming {@code file}, the setting and both values (with {@code why} after them) when
   * {@code found} differs from {@code expected}; SftSameSettings refuses fine-tuning grids with it.
   */
  static void requireEqual(
      Path file, String what, JsonNode found, Path reference, JsonNode expected, String why) {
    if (!found.equals(expected)) {
      throw new InputException(
          file,
          0,
          what + " is " + text(found) + " where " + reference + " has " + text(expected) + why);
    }
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "absent" : node.toString();
  }

  /**
   * grid.json, which a grid always writes: without it nothing says how the runs were made. An older
   * one without "defenses" reads as ["none"].
   */
  private static JsonNode spec(GridDirectory grid) {
    Path file = grid.directory().resolve(GridDirectory.GRID);
    String text =
        grid.gridJson()
            .orElseThrow(
                () ->
                    new InputException(
                        file,
                        0,
                        "missing: comparing grids (--with) needs each grid's spec, to check they "
                            + "share the tokenizer, corpus, batch and evaluation"));
    JsonNode tree = parse(file, text);
    if (tree.isObject() && !tree.has(DEFENSES)) {
      ((ObjectNode) tree).putArray(DEFENSES).add(ResultRow.NO_DEFENSE);
    }
    return tree;
  }

  /** Each run's {@code file} (relative to runs/<id>/) that exists, in run order. */
  private static List<Path> files(GridDirectory grid, String file) {
    return grid.configs().keySet().stream()
        .map(run -> grid.directory().resolve(GridDirectory.RUNS).resolve(run).resolve(file))
        .filter(Files::isRegularFile)
        .toList();
  }

  /** The parsed file, or a missing node when it does not exist. */
  private static JsonNode json(Path file) {
    if (!Files.isRegularFile(file)) {
      return MissingNode.getInstance();
    }
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(Path file, String text) {
    try {
      JsonNode tree = JSON.readTree(text);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, "invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
