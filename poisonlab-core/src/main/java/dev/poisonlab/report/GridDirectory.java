/*
 * What a grid run left in its directory, read and validated before the report writes anything: results.csv
 * (required), grid.json and commands.txt (shown verbatim when present), each run's training config.json and
 * the placebo runs' rows.csv (optional). JSON files must parse (a bad one is reported as FILE:LINE); their text
 * is kept exactly as written. It reads only; what the report makes of the files is decided elsewhere.
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
import java.util.ArrayList;
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
    SortedMap<String, JsonFile> configs,
    List<ResultRow> placeboRows) {

  public static final String RESULTS = "results.csv";
  public static final String GRID = "grid.json";
  public static final String COMMANDS = "commands.txt";
  public static final String RUNS = "runs";
  public static final String CONFIG = "config.json";

  /** Where the grid's training stage writes a run's config: runs/<id>/train/config.json. */
  public static final String TRAIN = "train";

  /**
   * Placebo run ids end with this; the grid keeps their rows out of results.csv, in
   * runs/<id>/rows.csv.
   */
  public static final String PLACEBO_SUFFIX = "-placebo";

  static final String ROWS = "rows.csv";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One JSON file: its exact text and its parsed tree. */
  public record JsonFile(String text, JsonNode tree) {}

  public static GridDirectory read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new InputException(directory, 0, "not a directory (expected a grid output directory)");
    }
    Path resultsFile = directory.resolve(RESULTS);
    if (!Files.isRegularFile(resultsFile)) {
      throw new InputException(
          resultsFile, 0, "missing: the grid writes one row per run and checkpoint here");
    }
    List<ResultRow> rows = ResultsCsv.read(resultsFile);
    if (rows.isEmpty()) {
      throw new InputException(resultsFile, 0, "no result rows after the header");
    }
    Optional<String> grid = optionalText(directory.resolve(GRID));
    grid.ifPresent(text -> parseJson(directory.resolve(GRID), text));
    return new GridDirectory(
        directory,
        rows,
        grid,
        optionalText(directory.resolve(COMMANDS)),
        configs(directory),
        placeboRows(directory));
  }

  /**
   * The grid's own layout first (train/config.json); runs/<id>/config.json is what hand-made grids
   * used.
   */
  private static Optional<Path> configFile(Path run) {
    return List.of(run.resolve(TRAIN).resolve(CONFIG), run.resolve(CONFIG)).stream()
        .filter(Files::isRegularFile)
        .findFirst();
  }

  /**
   * Placebo runs are a control the figures show apart, so their rows are read from each run's
   * rows.csv.
   */
  private static List<ResultRow> placeboRows(Path directory) {
    List<ResultRow> rows = new ArrayList<>();
    for (Path run : runDirectories(directory)) {
      Path file = run.resolve(ROWS);
      if (run.getFileName().toString().endsWith(PLACEBO_SUFFIX) && Files.isRegularFile(file)) {
        rows.addAll(ResultsCsv.read(file));
      }
    }
    return rows;
  }

  private static List<Path> runDirectories(Path directory) {
    Path runs = directory.resolve(RUNS);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> runDirectories = Files.list(runs)) {
      return runDirectories.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + runs + ": " + e.getMessage(), e);
    }
  }

  private static SortedMap<String, JsonFile> configs(Path directory) {
    SortedMap<String, JsonFile> configs = new TreeMap<>();
    for (Path run : runDirectories(directory)) {
      Optional<Path> config = configFile(run);
      if (config.isPresent()) {
        String text = optionalText(config.get()).orElseThrow();
        configs.put(
            run.getFileName().toString(), new JsonFile(text, parseJson(config.get(), text)));
      }
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
