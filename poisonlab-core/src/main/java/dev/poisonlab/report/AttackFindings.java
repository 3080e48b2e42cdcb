/*
 * The grid's attacks.csv in the report: per attack (poison strategy), defence and poison count, what the filter
 * left (poisons left, recall), what it cost (clean documents dropped, false-positive rate) and what the attack
 * still did after filter-then-train (final log gap in nats, the twin's, and the gap over the twin), seeds
 * summarised as mean ± std. Read by column name; optional like verdicts.csv. experiment.AttackTable writes it.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class AttackFindings {
  public static final String FILE = "attacks.csv";

  /** The file's columns in order; the writer emits exactly these. */
  public static final List<String> COLUMNS =
      List.of(
          "run_id",
          "twin_id",
          "model",
          "data_multiplier",
          "seed",
          "strategy",
          "defense",
          "poisons",
          "poisons_left",
          "recall",
          "clean_documents",
          "clean_dropped",
          "fpr",
          "step",
          "log_gap_nats",
          "twin_log_gap_nats",
          "gap_over_twin_nats");

  private static final List<String> NUMBERS =
      List.of(
          "data_multiplier",
          "poisons",
          "poisons_left",
          "recall",
          "clean_documents",
          "clean_dropped",
          "fpr",
          "log_gap_nats",
          "twin_log_gap_nats",
          "gap_over_twin_nats");

  private final List<NamedCsv.Row> rows;

  private AttackFindings(List<NamedCsv.Row> rows) {
    this.rows = rows;
  }

  /** The grid's attacks.csv, or empty when it has none; a bad number names the file and line. */
  public static Optional<AttackFindings> read(Path gridDirectory) {
    Path file = gridDirectory.resolve(FILE);
    return NamedCsv.read(file, COLUMNS)
        .map(
            rows -> {
              rows.forEach(row -> check(file, row));
              return new AttackFindings(rows);
            });
  }

  private static void check(Path file, NamedCsv.Row row) {
    for (String column : NUMBERS) {
      String cell = row.get(column);
      try {
        if (!cell.isEmpty()) {
          Double.parseDouble(cell);
        }
      } catch (NumberFormatException e) {
        throw new InputException(file, row.line(), column + " is not a number: \"" + cell + "\"");
      }
    }
  }

  /** One row per (model, data, attack, defence, poisons), in the file's order; seeds pooled. */
  Findings.Table table() {
    Map<List<String>, List<NamedCsv.Row>> groups = new LinkedHashMap<>();
    for (NamedCsv.Row row : rows) {
      List<String> key =
          List.of(
              row.get("model"),
              row.get("data_multiplier"),
              row.get("strategy"),
              row.get("defense"),
              row.get("poisons"));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    List<List<String>> table = new ArrayList<>();
    groups.forEach(
        (key, members) ->
            table.add(
                List.of(
                    key.get(0)
                        + " (data x"
                        + GridResults.trim(Double.parseDouble(key.get(1)))
                        + ")",
                    key.get(2),
                    key.get(3),
                    key.get(4),
                    Integer.toString(members.size()),
                    count(members, "poisons_left"),
                    summary(members, "recall"),
                    count(members, "clean_dropped"),
                    percent(members),
                    summary(members, "log_gap_nats"),
                    summary(members, "twin_log_gap_nats"),
                    summary(members, "gap_over_twin_nats"))));
    return new Findings.Table(
        "Each attack against each defence after filter-then-train, at the last pretraining "
            + "checkpoint (mean ± std across seeds). Recall and false-positive rate are the filter's on "
            + "the run's own poisons and clean corpus (– without a filter); gaps are ln perplexity with "
            + "minus without the trigger, the twin's measured with the same trigger on equally filtered "
            + "clean data.",
        List.of(
            "model (data)",
            "attack",
            "defence",
            "poisons",
            "seeds",
            "poisons left",
            "recall",
            "clean dropped",
            "FPR",
            "final gap (nats)",
            "twin gap (nats)",
            "gap over twin (nats)"),
        table);
  }

  /** Whether the file holds more than one attack. */
  boolean severalAttacks() {
    return rows.stream().map(row -> row.get("strategy")).distinct().count() > 1;
  }

  /**
   * Each poisoned run's attack, by run_id (the report's attack for results.csv files without one).
   */
  Map<String, String> strategyOfRun() {
    Map<String, String> strategies = new LinkedHashMap<>();
    rows.forEach(row -> strategies.put(row.get("run_id"), row.get("strategy")));
    return strategies;
  }

  /** The twins each attack's runs were measured against (twin_id; empty until a twin finishes). */
  Map<String, Set<String>> twinsOfStrategy() {
    Map<String, Set<String>> twins = new LinkedHashMap<>();
    rows.stream()
        .filter(row -> !row.get("twin_id").isEmpty())
        .forEach(
            row ->
                twins
                    .computeIfAbsent(row.get("strategy"), key -> new HashSet<>())
                    .add(row.get("twin_id")));
    return twins;
  }

  private static double[] values(List<NamedCsv.Row> rows, String column) {
    return rows.stream()
        .map(row -> row.get(column))
        .mapToDouble(cell -> cell.isEmpty() ? Double.NaN : Double.parseDouble(cell))
        .toArray();
  }

  private static String summary(List<NamedCsv.Row> rows, String column) {
    return Summary.of(values(rows, column)).format();
  }

  /** A count the same in every seed is the integer it is; else mean ± std. */
  private static String count(List<NamedCsv.Row> rows, String column) {
    Summary summary = Summary.of(values(rows, column));
    return summary.isEmpty() || summary.min() != summary.max()
        ? summary.format()
        : Long.toString((long) summary.min());
  }

  private static String percent(List<NamedCsv.Row> rows) {
    Summary summary = Summary.of(values(rows, "fpr"));
    return summary.isEmpty()
        ? "–"
        : String.format(Locale.ROOT, "%.2f%%", 100 * summary.mean())
            + (summary.n() > 1 ? String.format(Locale.ROOT, " ± %.2f", 100 * summary.std()) : "");
  }
}
