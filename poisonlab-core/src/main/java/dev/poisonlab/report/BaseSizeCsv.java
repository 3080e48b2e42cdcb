/*
 * base_sizes.csv of a fine-tuning report with --with: a header and one row per cell both grids ran (BaseSizes'
 * matches, in their order), numbers in full precision (CsvCells.number). Empty cells: an sd with one seed, the
 * margin with too few seeds, the band when no resolution is known, a base's parameter count when its parent is not
 * on disk. Writing only.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.BaseSizes.Grid;
import dev.poisonlab.report.BaseSizes.Match;
import dev.poisonlab.report.BaseSizes.Side;
import java.util.ArrayList;
import java.util.List;

final class BaseSizeCsv {
  /**
   * The grid, its base and its seeds' measures: once for this grid, once (other_) for the other.
   */
  private static final List<String> SIDE =
      List.of(
          "grid",
          "base",
          "base_params",
          "n",
          "asr_mean",
          "asr_sd",
          "clean_refusal_mean",
          "clean_refusal_sd",
          "max_control_asr_mean",
          "max_control_asr_sd");

  static final List<String> HEADER = header();

  private BaseSizeCsv() {}

  private static List<String> header() {
    List<String> header = new ArrayList<>(List.of("poisons", "clean_samples", "placebo", "step"));
    header.addAll(SIDE);
    SIDE.forEach(column -> header.add("other_" + column));
    header.addAll(List.of("asr_difference", "margin95", "band", "verdict"));
    return List.copyOf(header);
  }

  static String write(BaseSizes bases) {
    StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (Match match : bases.matches()) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  String.valueOf(match.cell().poisons()),
                  String.valueOf(match.cell().cleanSamples()),
                  String.valueOf(match.cell().placebo()),
                  String.valueOf(match.own().step())));
      cells.addAll(side(match.own()));
      cells.addAll(side(match.other()));
      cells.addAll(
          List.of(
              CsvCells.number(match.difference()),
              CsvCells.number(match.margin()),
              CsvCells.number(match.band()),
              match.verdict()));
      csv.append(String.join(",", cells.stream().map(CsvCells::quote).toList())).append('\n');
    }
    return csv.toString();
  }

  private static List<String> side(Side side) {
    Grid grid = side.grid();
    return List.of(
        grid.directory().directory().toString(),
        grid.base().parent(),
        // the parent's own count only: the fine-tuned shape's (chat rows included) is not the
        // base's
        grid.base().paramsFromParent() ? Long.toString(grid.base().params().getAsLong()) : "",
        Integer.toString(side.asr().n()),
        CsvCells.number(side.asr().mean()),
        sd(side.asr()),
        CsvCells.number(side.cleanRefusal().mean()),
        sd(side.cleanRefusal()),
        CsvCells.number(side.maxControlAsr().mean()),
        sd(side.maxControlAsr()));
  }

  /** The sample sd, empty with one seed (Summary says 0 there, which is no spread measured). */
  private static String sd(Summary summary) {
    return CsvCells.number(summary.n() > 1 ? summary.std() : Double.NaN);
  }
}
