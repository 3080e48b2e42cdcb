/*
 * The report's specificity tables: each control's final log gap (nats) and its ratio to the trigger's
 * (control / trigger log gap; "–" when the trigger's log gap is <= 0), per poisoned configuration; and how
 * the trigger and controls tokenize, with each token's count in the clean training text, read from one run's
 * runs/ID/eval/eval.json. Tables only, from files already written; no figures, no evaluation.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.GridResults.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class ControlTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GridResults results;
  private final Path gridDirectory;

  ControlTables(GridResults results, Path gridDirectory) {
    this.results = results;
    this.gridDirectory = gridDirectory;
  }

  /** Empty when no row carries control log gaps (a grid from before them). */
  Optional<Table> specificity() {
    Set<String> controls = new LinkedHashSet<>();
    results.rows().forEach(row -> controls.addAll(row.logGaps().controlLogGaps().keySet()));
    if (controls.isEmpty()) {
      return Optional.empty();
    }
    List<String> header =
        new ArrayList<>(List.of("model (data)", "poisons", "seeds", "trigger gap (nats)"));
    controls.forEach(
        control -> header.addAll(List.of(control + " gap (nats)", control + " ratio")));
    List<List<String>> rows = new ArrayList<>();
    for (Config config : results.configs()) {
      List<ResultRow> finals = results.finalRows(config);
      if (config.poisons() == 0 || finals.isEmpty()) {
        continue;
      }
      List<String> row =
          new ArrayList<>(
              List.of(
                  config.line().label(),
                  Integer.toString(config.poisons()),
                  Integer.toString(finals.size()),
                  summary(finals.stream().mapToDouble(ResultRow::logPplGap).toArray())));
      for (String control : controls) {
        row.add(summary(finals.stream().mapToDouble(r -> controlGap(r, control)).toArray()));
        row.add(
            summary(
                finals.stream()
                    .mapToDouble(r -> ratio(controlGap(r, control), r.logPplGap()))
                    .toArray()));
      }
      rows.add(row);
    }
    return Optional.of(
        new Table(
            "Specificity at the end of pretraining (mean ± std across seeds): each "
                + "control's gap in nats and its ratio to the trigger's (≈0: only the trigger opens the backdoor; ≈1: "
                + "the control does too; – where the trigger's gap is ≤ 0, since a ratio to no backdoor means nothing).",
            header,
            rows));
  }

  /** Empty when no run's eval.json has a trigger_tokens table. */
  Optional<Table> tokenization() {
    for (String runId : runsPoisonedFirst()) {
      JsonNode table =
          readTable(
              gridDirectory
                  .resolve(GridDirectory.RUNS)
                  .resolve(runId)
                  .resolve("eval")
                  .resolve("eval.json"));
      if (table != null) {
        return Optional.of(tokenTable(runId, table));
      }
    }
    return Optional.empty();
  }

  private Table tokenTable(String runId, JsonNode table) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode entry : table.path("suffixes")) {
      List<String> tokens = new ArrayList<>();
      entry.path("tokens").forEach(token -> tokens.add("‹" + token.asText() + "›"));
      rows.add(
          List.of(
              entry.path("text").asText(),
              entry.path("role").asText(),
              String.join(" ", tokens),
              join(entry.path("ids")),
              join(entry.path("clean_counts")),
              shares(entry.path("clean_shares"))));
    }
    String counts =
        table.path("clean_tokens").isNumber()
            ? "Clean counts: occurrences of each token in run "
                + runId
                + "'s training stream outside the poison spans ("
                + GridResults.humanCount(table.path("clean_tokens").asLong())
                + " clean tokens); a count of 0 is a "
                + "token the model meets only in poisons, which can then act as a trigger by itself."
            : "Clean counts unavailable for run "
                + runId
                + ": "
                + table.path("counts_unavailable").asText("unknown")
                + ".";
    return new Table(
        "How the trigger and its controls tokenize under "
            + table.path("tokenizer").asText("?")
            + ". "
            + counts,
        List.of("string", "role", "tokens", "ids", "clean counts", "clean share"),
        rows);
  }

  private List<String> runsPoisonedFirst() {
    Set<String> ids = new LinkedHashSet<>();
    results.rows().stream().filter(row -> row.poisons() > 0).forEach(row -> ids.add(row.runId()));
    results.rows().forEach(row -> ids.add(row.runId()));
    return List.copyOf(ids);
  }

  private static JsonNode readTable(Path evalFile) {
    if (!Files.isRegularFile(evalFile)) {
      return null;
    }
    try {
      JsonNode table = JSON.readTree(evalFile.toFile()).path("trigger_tokens");
      return table.isObject() ? table : null;
    } catch (IOException e) {
      return null; // an unreadable eval.json only costs this diagnostic table, not the report
    }
  }

  private static double controlGap(ResultRow row, String control) {
    Double gap = row.logGaps().controlLogGaps().get(control);
    return gap == null ? Double.NaN : gap;
  }

  private static double ratio(double control, double trigger) {
    return trigger > 0 ? control / trigger : Double.NaN;
  }

  private static String summary(double[] values) {
    return Summary.of(values).format();
  }

  private static String join(JsonNode array) {
    if (!array.isArray()) {
      return "–";
    }
    List<String> cells = new ArrayList<>();
    array.forEach(value -> cells.add(value.asText()));
    return String.join(" ", cells);
  }

  private static String shares(JsonNode array) {
    if (!array.isArray()) {
      return "–";
    }
    List<String> cells = new ArrayList<>();
    array.forEach(
        value -> cells.add(String.format(java.util.Locale.ROOT, "%.2e", value.asDouble())));
    return String.join(" ", cells);
  }
}
