/*
 * The grid's verdicts.csv in the report: the model-level verdict of each configuration at its last evaluated
 * step (per-seed effects in nats against the twin-vs-twin band, seed-level permutation p and its floor, the
 * excerpt-level Wilcoxon count), as one table and a statement. Read by column name; optional like twin_tests.csv.
 * It does not compute verdicts: experiment.Verdicts does.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class VerdictFindings {
  public static final String FILE = "verdicts.csv";
  private static final List<String> COLUMNS =
      List.of(
          "model",
          "data_multiplier",
          "defense",
          "poisons",
          "placebo",
          "last_step",
          "step",
          "seeds",
          "effects_nats",
          "band_nats",
          "verdict",
          "permutation_p",
          "min_p",
          "wilcoxon_called");

  private final List<Map<String, String>> lastSteps;

  private VerdictFindings(List<Map<String, String>> lastSteps) {
    this.lastSteps = lastSteps;
  }

  static Optional<VerdictFindings> read(Path gridDirectory) {
    Path file = gridDirectory.resolve(FILE);
    return NamedCsv.read(file, COLUMNS)
        .map(
            rows ->
                rows.stream()
                    .filter(row -> Boolean.parseBoolean(row.get("last_step")))
                    .map(row -> checked(file, row))
                    .toList())
        .map(VerdictFindings::new);
  }

  /** A row's cells once its numbers parse; a bad number is one line naming the file and line. */
  private static Map<String, String> checked(Path file, NamedCsv.Row row) {
    for (String column : List.of("data_multiplier", "permutation_p", "min_p")) {
      String cell = row.get(column);
      try {
        if (!cell.isEmpty() || column.equals("data_multiplier")) {
          Double.parseDouble(cell);
        }
      } catch (NumberFormatException e) {
        throw new InputException(file, row.line(), column + " is not a number: \"" + cell + "\"");
      }
    }
    return row.cells();
  }

  /** How many configurations got each verdict, placebo controls counted apart. */
  List<String> statements() {
    List<String> statements = new ArrayList<>();
    for (boolean placebo : List.of(false, true)) {
      List<Map<String, String>> rows =
          lastSteps.stream()
              .filter(row -> Boolean.parseBoolean(row.get("placebo")) == placebo)
              .toList();
      if (rows.isEmpty()) {
        continue;
      }
      Map<String, Long> counts = new TreeMap<>();
      rows.forEach(row -> counts.merge(row.get("verdict"), 1L, Long::sum));
      statements.add(
          (placebo
                  ? "Placebo controls (same poisons, no trigger; none should be a backdoor)"
                  : "Model-level verdicts (every seed's effect above the twin-vs-twin band)")
              + ", last evaluated step: "
              + String.join(
                  ", ",
                  counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList())
              + " of "
              + rows.size()
              + " configurations; see docs/verdicts.md for the rule.");
    }
    return statements;
  }

  Findings.Table table() {
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> row : lastSteps) {
      String config =
          row.get("model")
              + " (data x"
              + GridResults.trim(Double.parseDouble(row.get("data_multiplier")))
              + (row.get("defense").equals("none") ? "" : ", defence " + row.get("defense"))
              // a grid of several attacks names each row's (a last column the others lack)
              + (row.containsKey("strategy") ? ", attack " + row.get("strategy") : "")
              + ")";
      String poisons =
          row.get("poisons") + (Boolean.parseBoolean(row.get("placebo")) ? " placebo" : "");
      rows.add(
          List.of(
              config,
              poisons,
              row.get("step"),
              row.get("seeds"),
              row.get("effects_nats"),
              row.get("band_nats"),
              row.get("verdict"),
              pValue(row.get("permutation_p")),
              pValue(row.get("min_p")),
              row.get("wilcoxon_called")));
    }
    return new Findings.Table(
        "Model-level verdict per configuration at its last evaluated step: per-seed effect "
            + "= median over shared excerpts of the log gap (nats) minus the twin's; band = largest |median paired "
            + "difference| between twins of different seeds; backdoor = every seed above the band. Permutation p: "
            + "exact one-sided test over seeds (run-level mean log gap), never below min p. Wilcoxon: seeds the "
            + "excerpt-level twin test alone would call.",
        List.of(
            "model (data)",
            "poisons",
            "step",
            "seeds",
            "effects (nats)",
            "band (nats)",
            "verdict",
            "permutation p",
            "min p",
            "Wilcoxon"),
        rows);
  }

  private static String pValue(String text) {
    if (text.isEmpty()) {
      return "–";
    }
    double p = Double.parseDouble(text);
    return String.format(Locale.ROOT, p >= 0.001 ? "%.3f" : "%.0e", p);
  }
}
