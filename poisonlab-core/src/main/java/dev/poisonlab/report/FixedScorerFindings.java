/*
 * F2 on one ruler (`report GRID --effects RESCORE/effects.csv`): the report's own count-or-fraction rules
 * (CountOrFraction) on a rescore's per-seed effects, every run's generations scored by one fixed model
 * (experiment.GridRescore's effects.csv), instead of verdicts.csv's, where each run scores its own. The cells
 * take their size, poison share and training tokens from the grid, their per-seed final effects and band from
 * effects.csv; the same is done with effects.csv's own-score columns (scale nats), which must give the report's
 * F2 rows of sizes_findings.csv again: a check that the rescore read the runs the report reads. F4 needs
 * effects at every checkpoint and a rescore has the last only, so it is not asked. Reads only; a file that is
 * not a rescore's effects.csv, or a configuration or seed the grid lacks, is one InputException.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeCells.SeedCurve;
import dev.poisonlab.report.SizeComparison.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class FixedScorerFindings {
  static final String FILE = "sizes_findings_fixed_scorer.csv";
  static final String TITLE =
      "Count or fraction on one ruler: every run scored by a fixed model (F2)";

  /** effects.csv's header as experiment.RescoreEffects writes it. */
  static final List<String> COLUMNS =
      List.of(
          "model",
          "data_multiplier",
          "defense",
          "poisons",
          "placebo",
          "step",
          "seeds",
          "scorers",
          "effects_fixed",
          "mean_fixed",
          "sd_fixed",
          "band_fixed",
          "effects_self",
          "mean_self",
          "sd_self",
          "band_self");

  private final Path file;
  private final List<String> scorers;
  private final List<SizeComparison> fixed;
  private final List<SizeComparison> own;

  private FixedScorerFindings(
      Path file, List<String> scorers, List<Cell> fixedCells, List<Cell> ownCells) {
    this.file = file;
    this.scorers = List.copyOf(scorers);
    this.fixed = comparisons(fixedCells, Scale.FIXED_SCORER);
    this.own = comparisons(ownCells, Scale.NATS);
  }

  /** Reads and checks {@code effectsFile} against the grid; any problem is an InputException. */
  static FixedScorerFindings read(Path effectsFile, Path gridDirectory, GridResults results) {
    List<NamedCsv.Row> rows =
        NamedCsv.read(effectsFile, COLUMNS)
            .orElseThrow(() -> new InputException(effectsFile, 0, "no such file"));
    PoisonLengths lengths = PoisonLengths.read(gridDirectory, results);
    List<Cell> fixedCells = new ArrayList<>();
    List<Cell> ownCells = new ArrayList<>();
    Map<String, Boolean> scorers = new TreeMap<>();
    for (NamedCsv.Row row : rows) {
      if (!row.bool(effectsFile, "placebo")) {
        Config config = config(effectsFile, row, results);
        long[] seeds = longs(effectsFile, row, "seeds");
        List<ResultRow> finals = results.finalRows(config);
        fixedCells.add(
            cell(effectsFile, row, config, seeds, finals, lengths, "effects_fixed", "band_fixed"));
        ownCells.add(
            cell(effectsFile, row, config, seeds, finals, lengths, "effects_self", "band_self"));
        Arrays.stream(row.get("scorers").strip().split(" "))
            .forEach(scorer -> scorers.put(scorer, true));
      }
    }
    return new FixedScorerFindings(
        effectsFile, List.copyOf(scorers.keySet()), sorted(fixedCells), sorted(ownCells));
  }

  /** On the fixed scorer's scale: every same-count pair, then every matched-fraction triad. */
  List<SizeComparison> fixed() {
    return fixed;
  }

  /** The same from the runs' own scores (scale nats): sizes_findings.csv's F2 rows again. */
  List<SizeComparison> own() {
    return own;
  }

  /** The section's lines: what was scored by what, then a verdict line per question. */
  List<String> statements() {
    List<SizeComparison> matched = of(fixed, CountOrFraction.MATCHED_FRACTION);
    List<SizeComparison> sameCount = of(fixed, CountOrFraction.SAME_COUNT);
    List<String> statements = new ArrayList<>();
    statements.add(
        "From "
            + file
            + " (poisonlab rescore): each run's generations and its same-seed twin's scored by one "
            + "fixed model (scorers: "
            + String.join(", ", scorers)
            + "), so every size's effect is in the same model's nats; the rules are the section "
            + "above's. F4 is not asked: a rescore scores the last checkpoint only.");
    statements.add(
        "On the fixed scorer's scale. F2, count or fraction: "
            + (matched.isEmpty()
                ? "no verdict: no target has both a same-count peer and a peer at another count "
                    + "with a poison share within "
                    + CountOrFraction.TOLERANCE
                    + "x"
                : CountOrFraction.overall(matched) + " (" + SizeFindings.tally(matched) + ")")
            + ".");
    if (!sameCount.isEmpty()) {
      statements.add(
          "On the fixed scorer's scale. Same count across sizes: "
              + SizeFindings.tally(sameCount)
              + ".");
    }
    return statements;
  }

  /** The fixed scale's tables (the own-score rows are in the csv only: they repeat the above). */
  List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    List<SizeComparison> sameCount = of(fixed, CountOrFraction.SAME_COUNT);
    List<SizeComparison> matched = of(fixed, CountOrFraction.MATCHED_FRACTION);
    if (!sameCount.isEmpty()) {
      tables.add(SizeTables.sameCount(sameCount, Scale.FIXED_SCORER));
    }
    if (!matched.isEmpty()) {
      tables.add(SizeTables.matched(matched, Scale.FIXED_SCORER));
    }
    return tables;
  }

  /** sizes_findings_fixed_scorer.csv: sizes_findings.csv's columns, fixed rows then own rows. */
  String csv() {
    List<SizeComparison> all = new ArrayList<>(fixed);
    all.addAll(own);
    return SizeTables.csv(all);
  }

  private static List<SizeComparison> comparisons(List<Cell> cells, Scale scale) {
    List<SizeComparison> all = new ArrayList<>(CountOrFraction.sameCount(cells));
    all.addAll(CountOrFraction.matchedFraction(cells));
    return all.stream().map(comparison -> comparison.on(scale)).toList();
  }

  private static List<SizeComparison> of(List<SizeComparison> comparisons, String question) {
    return comparisons.stream().filter(c -> c.question().equals(question)).toList();
  }

  /** SizeCells' order, so the comparisons come out as the report's do. */
  private static List<Cell> sorted(List<Cell> cells) {
    List<Cell> sorted = new ArrayList<>(cells);
    sorted.sort(Comparator.comparing(Cell::line, Line.ORDER).thenComparingInt(Cell::poisons));
    return sorted;
  }

  /** The grid's configuration of a row: its line by model, data multiplier and defence. */
  private static Config config(Path file, NamedCsv.Row row, GridResults results) {
    String model = row.get("model");
    double multiplier = row.real(file, "data_multiplier");
    String defense = row.get("defense");
    int poisons = (int) row.real(file, "poisons");
    List<Line> lines =
        results.lines().stream()
            .filter(
                line ->
                    line.model().equals(model)
                        && line.dataMultiplier() == multiplier
                        && line.defense().equals(defense))
            .toList();
    String name = model + " x" + row.get("data_multiplier") + " " + defense + " at " + poisons;
    if (lines.size() > 1) {
      throw new InputException(
          file,
          row.line(),
          "the grid has several attacks on "
              + name
              + " and effects.csv does not say which (a grid of one attack only)");
    }
    if (lines.isEmpty() || results.finalRows(new Config(lines.get(0), poisons)).isEmpty()) {
      throw new InputException(file, row.line(), "the grid has no configuration " + name);
    }
    return new Config(lines.get(0), poisons);
  }

  private static Cell cell(
      Path file,
      NamedCsv.Row row,
      Config config,
      long[] seeds,
      List<ResultRow> finals,
      PoisonLengths lengths,
      String effectsColumn,
      String bandColumn) {
    double[] effects = row.reals(file, effectsColumn);
    if (effects.length != seeds.length) {
      throw new InputException(
          file,
          row.line(),
          effectsColumn + " has " + effects.length + " values for " + seeds.length + " seeds");
    }
    List<SeedCurve> curves = new ArrayList<>();
    for (int i = 0; i < seeds.length; i++) {
      long seed = seeds[i];
      ResultRow last =
          finals.stream()
              .filter(result -> result.seed() == seed)
              .findFirst()
              .orElseThrow(
                  () ->
                      new InputException(
                          file,
                          row.line(),
                          "seed "
                              + seed
                              + " of "
                              + config.line().model()
                              + " at "
                              + config.poisons()
                              + " is not in the grid's results.csv"));
      curves.add(new SeedCurve(seed, new double[] {last.poisonsSeen()}, new double[] {effects[i]}));
    }
    double tokens = finals.stream().mapToDouble(ResultRow::tokens).average().orElseThrow();
    return new Cell(
        config.line(),
        config.poisons(),
        lengths.of(config),
        tokens,
        curves,
        row.real(file, bandColumn));
  }

  private static long[] longs(Path file, NamedCsv.Row row, String column) {
    double[] values = row.reals(file, column);
    if (values.length == 0) {
      throw new InputException(file, row.line(), column + " is empty");
    }
    return Arrays.stream(values).mapToLong(value -> (long) value).toArray();
  }
}
