/*
 * How many tokens a poisoned document has on average, per configuration, from each poisoned run's
 * runs/<id>/stream/manifest.json (build.poison_tokens, or total_tokens - clean_tokens): what turns a poison
 * count into a share of the training tokens. A configuration without manifests takes its size's mean, else the
 * grid's; a grid without any (an older snapshot) has none, and shares are then compared per training token.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.GridResults.Config;
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

  private final Map<Config, Summary> perConfig;
  private final Map<Line, Summary> perLine;
  private final Summary all;

  private PoisonLengths(Map<Config, Summary> perConfig, Map<Line, Summary> perLine, Summary all) {
    this.perConfig = perConfig;
    this.perLine = perLine;
    this.all = all;
  }

  static PoisonLengths read(Path gridDirectory, GridResults results) {
    // one row per poisoned run: the manifest is the run's, not the checkpoint's
    Map<String, ResultRow> runs = new TreeMap<>();
    results.rows().stream()
        .filter(row -> row.poisons() > 0)
        .forEach(row -> runs.putIfAbsent(row.runId(), row));
    Map<Config, List<Double>> configs = new HashMap<>();
    Map<Line, List<Double>> lines = new HashMap<>();
    List<Double> all = new ArrayList<>();
    runs.forEach(
        (runId, row) -> {
          Path file = gridDirectory.resolve(GridDirectory.RUNS).resolve(runId).resolve(MANIFEST);
          if (Files.isRegularFile(file)) {
            double length = length(file, row.poisons());
            Line line = GridResults.lineOf(row);
            configs
                .computeIfAbsent(new Config(line, row.poisons()), k -> new ArrayList<>())
                .add(length);
            lines.computeIfAbsent(line, k -> new ArrayList<>()).add(length);
            all.add(length);
          }
        });
    Map<Config, Summary> perConfig = new HashMap<>();
    configs.forEach((config, values) -> perConfig.put(config, Summary.of(values)));
    Map<Line, Summary> perLine = new HashMap<>();
    lines.forEach((line, values) -> perLine.put(line, Summary.of(values)));
    return new PoisonLengths(perConfig, perLine, Summary.of(all));
  }

  /**
   * Mean tokens per poison of the configuration's runs, else of its size's, else the grid's, else
   * NaN.
   */
  double of(Config config) {
    return perConfig.getOrDefault(config, perLine.getOrDefault(config.line(), all)).mean();
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
