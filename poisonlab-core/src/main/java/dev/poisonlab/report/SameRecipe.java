/*
 * Whether another grid directory trained and evaluated like this one, so that its runs may stand beside this
 * grid's (report --with): grid.json equal except for the run list (models, counts, data multipliers, seeds),
 * recipe.json equal, and every run's tokenizer, vocabulary, context and batch (train/config.json,
 * stream/manifest.json) equal to this grid's. The first difference is an InputException naming the other
 * grid's file. It reads and checks only; which runs are compared is TrainingControls'.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class SameRecipe {
  /** What two grids may differ in: which runs exist, not how a run is trained or evaluated. */
  static final Set<String> RUN_LIST =
      Set.of(
          "name",
          "models",
          "poison_counts",
          "placebo_counts",
          "model_counts",
          "data_multipliers",
          "seeds");

  /** The settings of a run's training config that decide what its tokens and batches are. */
  static final List<String> RUN_SETTINGS =
      List.of(
          "/data/tokenizer_name",
          "/data/vocab_size",
          "/model/vocab_size",
          "/model/context_length",
          "/train/batch_size",
          "/train/grad_accum_steps");

  /** The same for the run's token stream: the tokenizer's bytes and the corpus it read. */
  static final List<String> STREAM_SETTINGS =
      List.of("/tokenizer_sha256", "/vocab_size", "/build/corpus_documents");

  static final String RECIPE = "recipe.json";

  private static final String WHY =
      " (grids compared with --with must share the tokenizer, corpus, context, batch and evaluation;"
          + " only models, poison counts, data multipliers and seeds may differ)";

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
        require(
            path,
            pointer.substring(1).replace('/', '.'),
            found.at(pointer),
            reference.get(),
            expected.at(pointer));
      }
    }
  }

  private static void require(
      Path file, String what, JsonNode found, Path reference, JsonNode expected) {
    if (!found.equals(expected)) {
      throw new InputException(
          file,
          0,
          what + " is " + text(found) + " where " + reference + " has " + text(expected) + WHY);
    }
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "absent" : node.toString();
  }

  /** grid.json, which a grid always writes: without it nothing says how the runs were made. */
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
    return parse(file, text);
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
