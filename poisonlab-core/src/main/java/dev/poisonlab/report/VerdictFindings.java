/*
 * The grid's verdicts.csv in the report: the model-level verdict of each configuration at its last evaluated
 * step (per-seed effects in nats against the twin-vs-twin band, seed-level permutation p and its floor, the
 * excerpt-level Wilcoxon count), as one table and a statement. Read by column name; optional like twin_tests.csv.
 * It does not compute verdicts: experiment.Verdicts does.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class VerdictFindings {
  public static final String FILE = "verdicts.csv";
  private static final List<String> COLUMNS = List.of("model", "data_multiplier", "defense", "poisons", "placebo",
      "last_step", "step", "seeds", "effects_nats", "band_nats", "verdict", "permutation_p", "min_p",
      "wilcoxon_called");

  private final List<Map<String, String>> lastSteps;

  private VerdictFindings(List<Map<String, String>> lastSteps) {
    this.lastSteps = lastSteps;
  }

  static Optional<VerdictFindings> read(Path gridDirectory) {
    Path file = gridDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new InputException(file, 1, "empty (expected a header line)");
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    COLUMNS.stream().filter(column -> !header.contains(column)).findFirst().ifPresent(column -> {
      throw new InputException(file, 1, "no column '" + column + "' in the header");
    });
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.size()) {
        throw new InputException(file, i + 1, cells.length + " cells, the header has " + header.size());
      }
      Map<String, String> row = new TreeMap<>();
      for (int c = 0; c < cells.length; c++) {
        row.put(header.get(c), cells[c]);
      }
      if (Boolean.parseBoolean(row.get("last_step"))) {
        rows.add(row);
      }
    }
    return Optional.of(new VerdictFindings(rows));
  }

  /** How many configurations got each verdict, placebo controls counted apart. */
  List<String> statements() {
    List<String> statements = new ArrayList<>();
    for (boolean placebo : List.of(false, true)) {
      List<Map<String, String>> rows = lastSteps.stream()
          .filter(row -> Boolean.parseBoolean(row.get("placebo")) == placebo).toList();
      if (rows.isEmpty()) {
        continue;
      }
      Map<String, Long> counts = new TreeMap<>();
      rows.forEach(row -> counts.merge(row.get("verdict"), 1L, Long::sum));
      statements.add((placebo ? "Placebo controls (same poisons, no trigger; none should be a backdoor)"
          : "Model-level verdicts (every seed's effect above the twin-vs-twin band)") + ", last evaluated step: "
          + String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList())
          + " of " + rows.size() + " configurations; see docs/verdicts.md for the rule.");
    }
    return statements;
  }

  Findings.Table table() {
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> row : lastSteps) {
      String config = row.get("model") + " (data x" + GridResults.trim(Double.parseDouble(row.get("data_multiplier")))
          + (row.get("defense").equals("none") ? "" : ", defence " + row.get("defense")) + ")";
      String poisons = row.get("poisons") + (Boolean.parseBoolean(row.get("placebo")) ? " placebo" : "");
      rows.add(List.of(config, poisons, row.get("step"), row.get("seeds"), row.get("effects_nats"),
          row.get("band_nats"), row.get("verdict"), pValue(row.get("permutation_p")), pValue(row.get("min_p")),
          row.get("wilcoxon_called")));
    }
    return new Findings.Table("Model-level verdict per configuration at its last evaluated step: per-seed effect "
        + "= median over shared excerpts of the log gap (nats) minus the twin's; band = largest |median paired "
        + "difference| between twins of different seeds; backdoor = every seed above the band. Permutation p: "
        + "exact one-sided test over seeds (run-level mean log gap), never below min p. Wilcoxon: seeds the "
        + "excerpt-level twin test alone would call.",
        List.of("model (data)", "poisons", "step", "seeds", "effects (nats)", "band (nats)", "verdict",
            "permutation p", "min p", "Wilcoxon"), rows);
  }

  private static String pValue(String text) {
    if (text.isEmpty()) {
      return "–";
    }
    double p = Double.parseDouble(text);
    return String.format(Locale.ROOT, p >= 0.001 ? "%.3f" : "%.0e", p);
  }
}
