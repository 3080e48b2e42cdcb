/*
 * The base-size comparison of fine-tuning grids (BaseSizes) as words and two report tables: one row per matched
 * cell, and per poison count the mean final ASR of each clean size on each base (as SftTables' spread table does
 * across clean sizes alone). Formatting only: the pairs and verdicts are BaseSizes', base_sizes.csv BaseSizeCsv's.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.BaseSizes.Grid;
import dev.poisonlab.report.BaseSizes.Match;
import dev.poisonlab.report.BaseSizes.Side;
import dev.poisonlab.report.Findings.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

final class BaseSizeTables {
  static final String TITLE = "Base sizes: this grid's cells beside other fine-tuning grids'";

  private static final List<String> MEASURES = List.of("asr", "clean_refusal", "max_control_asr");

  private BaseSizeTables() {}

  static List<String> statements(BaseSizes bases) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Each cell (poisons, clean samples, placebo) of "
            + bases.others().stream().map(BaseSizeTables::name).collect(Collectors.joining(", "))
            + " (other) beside the same cell of this grid (this), at each run's final checkpoint: "
            + "mean ± sd over seeds (n). other − this is the difference of the mean ASRs; they "
            + "differ when it exceeds both its 95% Welch margin and the band, one evaluation item "
            + "(ASR is a share of eval_items prompts, so a smaller difference is not resolved, "
            + "however alike the seeds), and with fewer than "
            + CountOrFraction.MIN_SEEDS
            + " seeds in either grid the verdict is too few seeds. "
            + checked(bases));
    lines.add(
        "Bases: "
            + grids(bases).stream().map(BaseSizeTables::base).collect(Collectors.joining("; "))
            + ".");
    for (Grid other : bases.others()) {
      lines.add(tally(bases, other));
    }
    lines.addAll(bases.notes());
    return lines;
  }

  /** What SftSameSettings compared: the settings too, or (for some grids) only the rows. */
  private static String checked(BaseSizes bases) {
    List<Grid> uncompared = bases.settingsUncompared();
    if (uncompared.isEmpty()) {
      return "The grids were checked to share the trigger, each cell's final step and, run by run, "
          + "the fine-tuning and evaluation settings of config.json; only the base model may "
          + "differ.";
    }
    String rows = "The grids were checked to share the trigger and each cell's final step";
    if (uncompared.size() == bases.others().size()) {
      return rows
          + " only: their fine-tuning and evaluation settings were not compared (see below).";
    }
    return rows
        + ", and, run by run, the fine-tuning and evaluation settings of config.json except with "
        + uncompared.stream().map(Grid::name).collect(Collectors.joining(", "))
        + " (see below).";
  }

  /**
   * "sft-mini: 18 cells in both grids (54 here, 20 there): 2 differ, 16 not distinguishable. Band
   * 0.020: one of 50 evaluation items (eval_items in config.json)."
   */
  private static String tally(BaseSizes bases, Grid other) {
    Map<String, Integer> verdicts = new TreeMap<>();
    bases.matches().stream()
        .filter(match -> match.other().grid().sameAs(other))
        .forEach(match -> verdicts.merge(match.verdict(), 1, Integer::sum));
    int both = verdicts.values().stream().mapToInt(Integer::intValue).sum();
    List<String> parts = new ArrayList<>();
    verdicts.forEach((verdict, n) -> parts.add(n + " " + verdict));
    return other.name()
        + ": "
        + both
        + " cells in both grids ("
        + bases.own().finals().size()
        + " here, "
        + other.finals().size()
        + " there)"
        + (parts.isEmpty() ? "; nothing to compare." : ": " + String.join(", ", parts) + ".")
        + band(bases.resolution(other));
  }

  /** " Band 0.020: one of 50 evaluation items (eval_items in config.json)." */
  private static String band(BaseSizes.Resolution resolution) {
    return Double.isNaN(resolution.band())
        ? " Band " + resolution.source() + "."
        : " Band " + Summary.number(resolution.band()) + ": " + resolution.source() + ".";
  }

  /** One row per matched cell: both sides' measures, the ASR difference and the verdict. */
  static Table cells(BaseSizes bases) {
    List<List<String>> rows = new ArrayList<>();
    for (Match match : bases.matches()) {
      List<String> row = new ArrayList<>();
      row.add(match.other().grid().name());
      row.add(String.valueOf(match.cell().cleanSamples()));
      row.add(String.valueOf(match.cell().poisons()));
      row.add(match.cell().placebo() ? "yes" : "no");
      row.add(String.valueOf(match.own().step()));
      row.addAll(formatted(match.own()));
      row.addAll(formatted(match.other()));
      row.add(Summary.number(match.difference()));
      row.add(Summary.number(match.margin()));
      row.add(Summary.number(match.band()));
      row.add(match.verdict());
      rows.add(row);
    }
    List<String> header =
        new ArrayList<>(List.of("other grid", "clean samples", "poisons", "placebo", "step"));
    for (String side : List.of("this", "other")) {
      MEASURES.forEach(
          measure -> header.add(side + ": " + measure + (measure.equals("asr") ? " (n)" : "")));
    }
    header.addAll(List.of("other − this (asr)", "95% margin", "band", "verdict"));
    return new Table(
        "Final checkpoint per cell both grids ran: mean ± sd over seeds (n seeds) on this grid's base "
            + "and the other grid's; the difference is in mean ASR, and differs when it exceeds both "
            + "the margin and the band (one evaluation item).",
        header,
        rows);
  }

  private static List<String> formatted(Side side) {
    return List.of(
        side.asr().format() + " (" + side.asr().n() + ")",
        side.cleanRefusal().format(),
        side.maxControlAsr().format());
  }

  /** The grids in column order: this one, then the --with grids as named. */
  static List<Grid> grids(BaseSizes bases) {
    List<Grid> grids = new ArrayList<>(List.of(bases.own()));
    grids.addAll(bases.others());
    return grids;
  }

  /** "sft-micro (this grid): micro, 348k parameters, parent /work/.../step-00000848". */
  static String base(Grid grid) {
    return name(grid)
        + ": "
        + grid.base().size()
        + ", parent "
        + grid.base().parent()
        + (grid.base().parent().equals(SftBase.UNKNOWN) ? " (no runs/NAME/config.json)" : "");
  }

  private static String name(Grid grid) {
    return grid.name() + " (" + grid.directory().directory() + ")";
  }

  /**
   * Per poison count (placebo cells aside) the mean final ASR of every clean size on every base,
   * and how far apart they are: across bases at one clean size (the largest such spread) and across
   * bases and clean sizes together; 0 when every curve coincides.
   */
  static Table perCount(BaseSizes bases) {
    List<Grid> grids = grids(bases);
    List<Integer> sizes = matched(bases, SftRow.Cell::cleanSamples);
    List<String> header = new ArrayList<>(List.of("poisons"));
    for (int size : sizes) {
      grids.forEach(grid -> header.add("C = " + size + ", " + grid.name() + ": asr (n)"));
    }
    header.addAll(List.of("spread across bases (largest at one C)", "spread across bases and C"));
    List<List<String>> rows = new ArrayList<>();
    for (int count : matched(bases, SftRow.Cell::poisons)) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(count)));
      List<Double> all = new ArrayList<>();
      double acrossBases = Double.NaN;
      for (int size : sizes) {
        List<Double> means = new ArrayList<>();
        for (Grid grid : grids) {
          SftRow.Cell cell = new SftRow.Cell(size, count, false);
          // a cell the other grids lack is no comparison: left out, as in the figure
          List<SftRow> seeds =
              bases.matchedCells(grid).contains(cell) ? grid.finals().get(cell) : null;
          Summary asr =
              Summary.of(seeds == null ? List.of() : seeds.stream().map(SftRow::asr).toList());
          row.add(asr.isEmpty() ? "–" : asr.format() + " (" + asr.n() + ")");
          if (!asr.isEmpty()) {
            means.add(asr.mean());
          }
        }
        all.addAll(means);
        if (means.size() > 1) {
          acrossBases =
              Double.isNaN(acrossBases)
                  ? SftTables.spread(means)
                  : Math.max(acrossBases, SftTables.spread(means));
        }
      }
      row.add(Summary.number(acrossBases));
      row.add(all.size() > 1 ? Summary.number(SftTables.spread(all)) : "–");
      rows.add(row);
    }
    return new Table(
        "Final ASR per poison count, clean-set size (C) and base, over seeds (cells both grids ran, "
            + "placebo aside); a spread is the highest minus the lowest mean (0 when the curves "
            + "coincide across bases, and across clean sizes too).",
        header,
        rows);
  }

  /** The distinct values of {@code field} over the matched cells with the trigger, ascending. */
  private static List<Integer> matched(BaseSizes bases, ToIntFunction<SftRow.Cell> field) {
    return bases.matches().stream()
        .map(Match::cell)
        .filter(cell -> !cell.placebo())
        .map(field::applyAsInt)
        .distinct()
        .sorted()
        .toList();
  }
}
