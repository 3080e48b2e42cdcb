/*
 * Drawing per-poison-count levels, shared by the grid's and the size study's figures: each line's poisoned
 * cells (its marker) and placebo cells (diamonds) side by side with its twin's level, the legend entries that
 * adds, and the y range of what was drawn (NaN left out). Drawing helpers only; which levels is the figures'.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeSeries.Levels;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

final class LevelCharts {
  private LevelCharts() {}

  /**
   * Poisoned cells (the line's marker) and placebo cells (diamonds) side by side, and each size's
   * twin level.
   */
  static void drawLevels(
      CountPanels countPanels,
      Panels panels,
      XYChart chart,
      List<Levels> levels,
      DoubleUnaryOperator scale) {
    boolean placebo = levels.stream().anyMatch(level -> !level.placebo().isEmpty());
    int slots = levels.size() * (placebo ? 2 : 1);
    int slot = 0;
    for (Levels level : levels) {
      Line line = level.line();
      countPanels.addCells(
          chart, line, line.label(), level.poisoned(), slot++, slots, panels.marker(line), scale);
      if (placebo) {
        countPanels.addCells(
            chart,
            line,
            line.label() + " placebo",
            level.placebo(),
            slot++,
            slots,
            SeriesMarkers.DIAMOND,
            scale);
      }
      countPanels.addTwinLevel(chart, line, line.label() + " twin", level.twin(), scale);
    }
  }

  static int legendEntries(List<Levels> levels) {
    return levels.stream()
        .mapToInt(
            level -> (level.poisoned().isEmpty() ? 0 : 1) + (level.placebo().isEmpty() ? 0 : 1))
        .sum();
  }

  static void collect(Levels level, List<Double> values) {
    Stream.concat(level.poisoned().stream(), level.placebo().stream())
        .forEach(cell -> values.addAll(List.of(cell.summary().min(), cell.summary().max())));
    if (!level.twin().isEmpty()) {
      values.add(level.twin().mean());
    }
  }

  static double min(List<Double> values) {
    return values.stream()
        .filter(v -> !Double.isNaN(v))
        .mapToDouble(Double::doubleValue)
        .min()
        .orElse(0);
  }

  static double max(List<Double> values) {
    return values.stream()
        .filter(v -> !Double.isNaN(v))
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(1);
  }
}
