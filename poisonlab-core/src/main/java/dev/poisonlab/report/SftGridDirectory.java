/*
 * What a fine-tuning grid (`finetune --grid`) left in its directory, read and validated before the report
 * writes anything: the rows (results.csv, else the finished runs' own files: SftCsv), persistence.csv when
 * present, each SFT run's config.json (batch size and settings; optional per run) and failures.json (shown
 * verbatim). Reads only; the numbers are SftSummaries', the page SftReport's.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

record SftGridDirectory(
    Path directory,
    List<SftRow> rows,
    String rowsSource,
    List<SftRow> persistence,
    SortedMap<String, JsonNode> configs,
    Optional<String> failures) {
  static final String CONFIG = "config.json";
  static final String FAILURES = "failures.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Whether {@code directory} is a fine-tuning grid: its results.csv has the SFT header, or it has
   * none yet and some runs/NAME finished with an SFT results.csv.
   */
  static boolean applies(Path directory) {
    Path results = directory.resolve(SftCsv.RESULTS);
    return Files.isRegularFile(results)
        ? SftCsv.isSftResults(results)
        : !SftCsv.finishedRunFiles(directory).isEmpty();
  }

  static SftGridDirectory read(Path directory) {
    Path results = directory.resolve(SftCsv.RESULTS);
    List<SftRow> rows = new ArrayList<>();
    String source;
    if (Files.isRegularFile(results)) {
      rows.addAll(SftCsv.readResults(results));
      source = SftCsv.RESULTS;
    } else {
      List<Path> files = SftCsv.finishedRunFiles(directory);
      files.forEach(file -> rows.addAll(SftCsv.readResults(file)));
      source =
          "the "
              + files.size()
              + " finished runs' runs/NAME/results.csv (the grid has written no results.csv yet)";
    }
    if (rows.isEmpty()) {
      throw new InputException(results, 2, "no rows: no SFT run of this grid has finished yet");
    }
    refuseDuplicates(rows, results);
    Path persistenceFile = directory.resolve(SftCsv.PERSISTENCE);
    List<SftRow> persistence =
        Files.isRegularFile(persistenceFile) ? SftCsv.readPersistence(persistenceFile) : List.of();
    refuseDuplicates(persistence, persistenceFile);
    SortedMap<String, JsonNode> configs = new TreeMap<>();
    for (SftRow row : rows) {
      Path config = directory.resolve(SftCsv.RUNS).resolve(row.runName()).resolve(CONFIG);
      if (!configs.containsKey(row.runName()) && Files.isRegularFile(config)) {
        configs.put(row.runName(), json(config));
      }
    }
    Path failuresFile = directory.resolve(FAILURES);
    Optional<String> failures = Optional.empty();
    if (Files.isRegularFile(failuresFile) && json(failuresFile).size() > 0) {
      failures = Optional.of(text(failuresFile));
    }
    return new SftGridDirectory(
        directory, List.copyOf(rows), source, List.copyOf(persistence), configs, failures);
  }

  /** A run's checkpoint twice (files concatenated twice, say) would count as two seeds. */
  private static void refuseDuplicates(List<SftRow> rows, Path file) {
    Set<String> seen = new HashSet<>();
    for (SftRow row : rows) {
      if (!seen.add(row.runName() + " step " + row.step())) {
        throw new InputException(
            file, 0, "run " + row.runName() + " has step " + row.step() + " twice");
      }
    }
  }

  /** The batch size of {@code row}'s run, from its config.json; empty when that is missing. */
  OptionalInt batchSize(SftRow row) {
    JsonNode config = configs.get(row.runName());
    JsonNode batch = config == null ? null : config.path("sft").get("batch_size");
    return batch != null && batch.canConvertToInt()
        ? OptionalInt.of(batch.asInt())
        : OptionalInt.empty();
  }

  private static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
