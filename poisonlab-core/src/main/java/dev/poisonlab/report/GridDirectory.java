/*
 * What a grid run left in its directory, read and validated before the report writes anything: results.csv
 * (required), grid.json and commands.txt (shown verbatim when present), runs/<run_id>/config.json (optional).
 * JSON files must parse (a bad one is reported as FILE:LINE); their text is kept exactly as written.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

public record GridDirectory(
    Path directory,
    List<ResultRow> rows,
    Optional<String> gridJson,
    Optional<String> commands,
    SortedMap<String, JsonFile> configs) {

  public static final String RESULTS = "results.csv";
  public static final String GRID = "grid.json";
  public static final String COMMANDS = "commands.txt";
  public static final String RUNS = "runs";
  public static final String CONFIG = "config.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One JSON file: its exact text and its parsed tree. */
  public record JsonFile(String text, JsonNode tree) {}

  public static GridDirectory read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new InputException(directory, 0, "not a directory (expected a grid output directory)");
    }
    Path resultsFile = directory.resolve(RESULTS);
    if (!Files.isRegularFile(resultsFile)) {
      throw new InputException(resultsFile, 0, "missing: the grid writes one row per run and checkpoint here");
    }
    List<ResultRow> rows = ResultsCsv.read(resultsFile);
    if (rows.isEmpty()) {
      throw new InputException(resultsFile, 0, "no result rows after the header");
    }
    Optional<String> grid = optionalText(directory.resolve(GRID));
    grid.ifPresent(text -> parseJson(directory.resolve(GRID), text));
    return new GridDirectory(directory, rows, grid, optionalText(directory.resolve(COMMANDS)), configs(directory));
  }

  private static SortedMap<String, JsonFile> configs(Path directory) {
    SortedMap<String, JsonFile> configs = new TreeMap<>();
    Path runs = directory.resolve(RUNS);
    if (!Files.isDirectory(runs)) {
      return configs;
    }
    try (Stream<Path> runDirectories = Files.list(runs)) {
      for (Path run : runDirectories.sorted().toList()) {
        Path config = run.resolve(CONFIG);
        if (Files.isRegularFile(config)) {
          String text = Files.readString(config, StandardCharsets.UTF_8);
          configs.put(run.getFileName().toString(), new JsonFile(text, parseJson(config, text)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + runs + ": " + e.getMessage(), e);
    }
    return configs;
  }

  private static Optional<String> optionalText(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parseJson(Path file, String text) {
    try {
      JsonNode tree = JSON.readTree(text);
      if (tree == null || !tree.isObject()) {
        throw new InputException(file, 1, "expected a JSON object");
      }
      return tree;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, "invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
