/*
 * The fine-tuning report's figure across base sizes (report SFTGRID --with OTHER): final ASR per poison count,
 * one panel per base (this grid first), each drawn as SftFigures' (a) from only the cells both grids ran, so the
 * panels show the same cells on the same axes. Draws; the numbers and verdicts are BaseSizes'.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.BaseSizes.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;

final class BaseSizeFigure {
  static final String NAME = "f-base-sizes";

  private BaseSizeFigure() {}

  /** The figure; empty when no cell with the trigger is in both grids (nothing to draw). */
  static Optional<Figure> of(BaseSizes bases) {
    List<XYChart> panels = new ArrayList<>();
    for (Grid grid : BaseSizeTables.grids(bases)) {
      SftSummaries summaries = new SftSummaries(matchedOnly(grid, bases));
      if (!summaries.counts().isEmpty()) {
        panels.add(
            new SftFigures(summaries)
                .levels(
                    grid.name() + ": " + grid.base().size(),
                    "attack success rate (" + SftFigures.SHARE + ")",
                    SftRow::asr));
      }
    }
    if (panels.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new Figure(
            NAME,
            "Final ASR vs poisons, per base",
            "Attack success rate at each run's last checkpoint per number of poisoned samples, one "
                + "panel per base model (this grid first, then the --with grids), only the cells "
                + "(poisons, clean samples, placebo) that this grid and the panel's grid both ran. "
                + "Same-coloured curves coinciding across panels mean the base size does not change "
                + "the ASR at that clean-set size. "
                + SftFigures.MARKS,
            panels,
            Math.min(panels.size(), 3)));
  }

  /**
   * {@code grid}'s rows of the cells matched with another grid (for this grid: with any --with
   * grid), every checkpoint kept: the panel draws the final one per seed as (a) does.
   */
  private static SftGridDirectory matchedOnly(Grid grid, BaseSizes bases) {
    Set<SftRow.Cell> cells = bases.matchedCells(grid);
    SftGridDirectory directory = grid.directory();
    return new SftGridDirectory(
        directory.directory(),
        directory.rows().stream().filter(row -> cells.contains(row.cell())).toList(),
        directory.rowsSource(),
        List.of(),
        directory.configs(),
        Optional.empty());
  }
}
