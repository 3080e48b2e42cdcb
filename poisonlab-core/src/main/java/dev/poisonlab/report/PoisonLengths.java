/*
 * How many tokens a poisoned document has on average, per model size, from each poisoned run's
 * runs/<id>/stream/manifest.json (build.poison_tokens, or total_tokens - clean_tokens): what turns a poison
 * count into a share of the training tokens. A size without manifests takes the grid's mean; a grid without any
 * (a snapshot made before the script kept them) has none, and shares are then compared per training token.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.GridResults.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class PoisonLengths {
  static final String MANIFEST = "stream/manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Line, Summary> perLine;
  private final Summary all;

  private PoisonLengths(Map<Line, Summary> perLine, Summary all) {
    this.perLine = perLine;
    this.all = all;
  }

  static PoisonLengths read(Path gridDirectory, GridResults results) {
    // one row per poisoned run: the manifest is the run's, not the checkpoint's
    Map<String, ResultRow> runs = new TreeMap<>();
    results.rows().stream()
        .filter(row -> row.poisons() > 0)
        .forEach(row -> runs.putIfAbsent(row.runId(), row));
    Map<Line, List<Double>> lengths = new HashMap<>();
    List<Double> all = new ArrayList<>();
    runs.forEach(
        (runId, row) -> {
          Path file = gridDirectory.resolve(GridDirectory.RUNS).resolve(runId).resolve(MANIFEST);
          if (Files.isRegularFile(file)) {
            double length = length(file, row.poisons());
            lengths.computeIfAbsent(GridResults.lineOf(row), k -> new ArrayList<>()).add(length);
            all.add(length);
          }
        });
    Map<Line, Summary> perLine = new HashMap<>();
    lengths.forEach((line, values) -> perLine.put(line, Summary.of(values)));
    return new PoisonLengths(perLine, Summary.of(all));
  }

  /** Mean tokens per poison of the line's runs, else of the grid's, else NaN. */
  double of(Line line) {
    return perLine.getOrDefault(line, all).mean();
  }

  private static double length(Path file, int poisons) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, "invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode tokens = manifest.path("build").path("poison_tokens");
    if (tokens.isNumber()) {
      return tokens.asDouble() / poisons;
    }
    if (manifest.path("total_tokens").isNumber() && manifest.path("clean_tokens").isNumber()) {
      return (manifest.get("total_tokens").asDouble() - manifest.get("clean_tokens").asDouble())
          / poisons;
    }
    throw new InputException(file, 1, "no build.poison_tokens and no total_tokens/clean_tokens");
  }
}
