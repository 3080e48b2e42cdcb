/*
 * The files a fine-tuning grid collects in OUT: results.csv (SftRun.RESULTS_HEADER and every finished SFT
 * cell's rows, in grid order; the same bytes the grid wrote before it was failure-isolated), persistence.csv
 * (SftContinuation.CONTINUE_HEADER, only when the spec has a persistence stage), failures.json (run name ->
 * error of this invocation, {} when none) and each failed run's failure.txt. Rewritten whole after every run.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SftGridFiles {
  static final String PERSISTENCE_FILE = "persistence.csv";
  static final String FAILURES_FILE = "failures.json";
  static final String FAILURE_FILE = "failure.txt";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path out;
  private final boolean persistence;
  private final Map<String, List<String>> sftRows = new LinkedHashMap<>();
  private final Map<String, List<String>> continuationRows = new LinkedHashMap<>();

  SftGridFiles(Path out, boolean persistence) {
    this.out = out;
    this.persistence = persistence;
  }

  /** The data rows of a finished run's results.csv, under its name; jobs come in grid order. */
  void add(String run, boolean continuation, Path resultsFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(resultsFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resultsFile + ": " + e.getMessage(), e);
    }
    (continuation ? continuationRows : sftRows).put(run, lines.subList(1, lines.size()));
  }

  void write(Map<String, String> failures) {
    AtomicFiles.writeString(resultsFile(), csv(SftRun.RESULTS_HEADER, sftRows));
    if (persistence) {
      AtomicFiles.writeString(
          out.resolve(PERSISTENCE_FILE), csv(SftContinuation.CONTINUE_HEADER, continuationRows));
    }
    try {
      AtomicFiles.writeString(failuresFile(), JSON.writeValueAsString(failures) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  /** Writes the run's failure.txt, or removes a stale one once the run has succeeded. */
  void recordOutcome(Path runDirectory, String failure) {
    Path file = runDirectory.resolve(FAILURE_FILE);
    try {
      if (failure == null) {
        Files.deleteIfExists(file);
      } else {
        AtomicFiles.writeString(file, failure + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  Path resultsFile() {
    return out.resolve(SftRun.RESULTS_FILE);
  }

  Optional<Path> persistenceFile() {
    return persistence ? Optional.of(out.resolve(PERSISTENCE_FILE)) : Optional.empty();
  }

  Path failuresFile() {
    return out.resolve(FAILURES_FILE);
  }

  private static String csv(String header, Map<String, List<String>> rows) {
    StringBuilder text = new StringBuilder(header).append('\n');
    rows.values().forEach(lines -> lines.forEach(line -> text.append(line).append('\n')));
    return text.toString();
  }
}
