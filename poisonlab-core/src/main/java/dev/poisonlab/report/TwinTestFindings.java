/*
 * The grid's twin_tests.csv in the report: each poisoned run's last checkpoint tested against its twin (paired
 * one-sided Wilcoxon over the shared excerpts), the twin-vs-twin calibration over every checkpoint, and trigger
 * specificity, as statements and one table. Read by column name, so extra columns are fine (and a file from
 * before the defence axis reads as undefended); optional: without the file the report says nothing about it.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

public final class TwinTestFindings {
  public static final String FILE = "twin_tests.csv";
  private static final List<String> COLUMNS =
      List.of(
          "kind",
          "run_id",
          "model",
          "poisons",
          "data_multiplier",
          "step",
          "pairs",
          "median_difference",
          "p_value",
          "specificity_p_value");
  static final double ALPHA = 0.01;

  private final List<TwinTestLine> tests;

  private TwinTestFindings(List<TwinTestLine> tests) {
    this.tests = tests;
  }

  static Optional<TwinTestFindings> read(Path gridDirectory) {
    Path file = gridDirectory.resolve(FILE);
    return NamedCsv.read(file, COLUMNS)
        .map(rows -> rows.stream().map(row -> test(file, row)).toList())
        .map(TwinTestFindings::new);
  }

  private static TwinTestLine test(Path file, NamedCsv.Row row) {
    try {
      return TwinTestLine.builder()
          .kind(row.get("kind"))
          .runId(row.get("run_id"))
          .twinId(row.getOrDefault("twin_id", ""))
          .model(row.get("model"))
          .poisons(Integer.parseInt(row.get("poisons")))
          .dataMultiplier(row.get("data_multiplier"))
          .defense(row.getOrDefault("defense", "none"))
          .step(Long.parseLong(row.get("step")))
          .pairs(Integer.parseInt(row.get("pairs")))
          .medianDifference(number(row.get("median_difference")))
          .pValue(number(row.get("p_value")))
          .specificityPValue(number(row.get("specificity_p_value")))
          .build();
    } catch (IllegalArgumentException e) {
      throw new InputException(file, row.line(), e.getMessage(), e);
    }
  }

  /**
   * The statements the findings section adds: verdicts at the last checkpoint, calibration,
   * specificity.
   */
  List<String> statements() {
    List<String> statements = new ArrayList<>();
    List<TwinTestLine> finals = lastCheckpoints("poisoned-vs-twin");
    if (!finals.isEmpty()) {
      long backdoors = finals.stream().filter(t -> t.pValue() < ALPHA).count();
      statements.add(
          "Paired test against the twin (one-sided Wilcoxon signed-rank over the "
              + finals.get(0).pairs()
              + " shared excerpts, p < "
              + ALPHA
              + "): "
              + backdoors
              + " of "
              + finals.size()
              + " poisoned runs end pretraining with a gap above their twin's; see the table below.");
      long specific = finals.stream().filter(t -> t.specificityPValue() < ALPHA).count();
      long withControl = finals.stream().filter(t -> !Double.isNaN(t.specificityPValue())).count();
      if (withControl > 0) {
        statements.add(
            "Trigger specificity (perplexity after the trigger above that after the first look-alike "
                + "control, same model, p < "
                + ALPHA
                + "): "
                + specific
                + " of "
                + withControl
                + " poisoned runs.");
      }
    }
    calibration().ifPresent(statements::add);
    return statements;
  }

  /**
   * Twin-vs-twin false alarms over distinct unordered pairs (per checkpoint): the file tests each
   * pair both ways, one-sided, so a pair counts as a false alarm when either direction has p <
   * ALPHA (2 ALPHA expected by chance); counting both directions as separate tests would double the
   * pairs and hide that.
   */
  private Optional<String> calibration() {
    Map<String, List<TwinTestLine>> pairs = new LinkedHashMap<>();
    tests.stream()
        .filter(t -> t.kind().equals("twin-vs-twin"))
        .forEach(
            t -> {
              String a = t.runId().compareTo(t.twinId()) <= 0 ? t.runId() : t.twinId();
              String b = a.equals(t.runId()) ? t.twinId() : t.runId();
              pairs
                  .computeIfAbsent(a + "\u0000" + b + "\u0000" + t.step(), k -> new ArrayList<>())
                  .add(t);
            });
    if (pairs.isEmpty()) {
      return Optional.empty();
    }
    long alarms =
        pairs.values().stream()
            .filter(both -> both.stream().anyMatch(t -> t.pValue() < ALPHA))
            .count();
    long directions = pairs.values().stream().mapToLong(List::size).sum();
    long directionAlarms =
        pairs.values().stream().flatMap(List::stream).filter(t -> t.pValue() < ALPHA).count();
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Calibration: clean twins against the twins of other seeds, "
                + "%d distinct pairs x checkpoints; %d come out p < %s in at least one direction (%.1f expected by chance "
                + "with both one-sided directions tested); per direction, %d of %d tests. Excerpts are the test's unit, "
                + "so any two models differ somewhat: the model-level verdict uses the twins' spread instead.",
            pairs.size(),
            alarms,
            ALPHA,
            pairs.size() * 2 * ALPHA,
            directionAlarms,
            directions));
  }

  /**
   * Last-checkpoint p-value per seed and median paired difference, by model, data and poison count.
   */
  Findings.Table table() {
    Map<String, List<TwinTestLine>> byConfig = new LinkedHashMap<>();
    for (TwinTestLine test : lastCheckpoints("poisoned-vs-twin")) {
      String key =
          test.model()
              + " (data x"
              + GridResults.trim(Double.parseDouble(test.dataMultiplier()))
              + (test.defense().equals("none") ? "" : ", defence " + test.defense())
              + ")\u0000"
              + test.poisons();
      byConfig.computeIfAbsent(key, k -> new ArrayList<>()).add(test);
    }
    List<List<String>> rows = new ArrayList<>();
    byConfig.forEach(
        (key, group) -> {
          String[] parts = key.split("\u0000");
          rows.add(
              List.of(
                  parts[0],
                  parts[1],
                  group.stream().filter(t -> t.pValue() < ALPHA).count() + "/" + group.size(),
                  String.join(" ", group.stream().map(t -> format(t.pValue())).toList()),
                  String.join(
                      " ",
                      group.stream().map(t -> Summary.number(t.medianDifference())).toList())));
        });
    return new Findings.Table(
        "Each poisoned run against its unpoisoned twin at the last pretraining checkpoint: "
            + "one-sided Wilcoxon signed-rank test of per-excerpt gap (poisoned) > gap (twin); runs in grid order.",
        List.of(
            "model (data)", "poisons", "p < " + ALPHA, "p-values", "median paired gap difference"),
        rows);
  }

  private List<TwinTestLine> lastCheckpoints(String kind) {
    Map<String, TwinTestLine> last = new LinkedHashMap<>();
    tests.stream()
        .filter(t -> t.kind().equals(kind))
        .forEach(t -> last.merge(t.runId(), t, (a, b) -> b.step() > a.step() ? b : a));
    return new ArrayList<>(last.values());
  }

  private static String format(double p) {
    return p >= 0.001
        ? String.format(Locale.ROOT, "%.3f", p)
        : String.format(Locale.ROOT, "%.0e", p);
  }

  private static double number(String text) {
    return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
  }
}
