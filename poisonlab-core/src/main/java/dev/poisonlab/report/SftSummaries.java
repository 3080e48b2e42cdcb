/*
 * The numbers the fine-tuning report shows, from SftGridDirectory's rows: per cell (clean size, poison count,
 * placebo) the final checkpoint of every seed; per cell and checkpoint the seeds' values against the expected
 * number of poisons seen; the persistence curves. Expected poisons seen at step s: s x B x P / (C + P) (B the
 * run's batch size; every epoch is a permutation of the C + P examples, so each drawn example is a poison with
 * probability P / (C + P); at whole epochs the expectation is exact). Computes; draws nothing.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

final class SftSummaries {
  static final Comparator<SftRow.Cell> CELL_ORDER =
      Comparator.comparing(SftRow.Cell::placebo)
          .thenComparingInt(SftRow.Cell::cleanSamples)
          .thenComparingInt(SftRow.Cell::poisons);

  private final SftGridDirectory grid;

  SftSummaries(SftGridDirectory grid) {
    this.grid = grid;
  }

  SftGridDirectory grid() {
    return grid;
  }

  List<Integer> cleanSizes() {
    return grid.rows().stream().map(SftRow::cleanSamples).distinct().sorted().toList();
  }

  /** Poison counts of the runs with the trigger (placebo runs add none). */
  List<Integer> counts() {
    return grid.rows().stream()
        .filter(row -> !row.placebo())
        .map(SftRow::poisons)
        .distinct()
        .sorted()
        .toList();
  }

  boolean hasPlacebo() {
    return grid.rows().stream().anyMatch(SftRow::placebo);
  }

  /** Every cell with its seeds' final rows (the highest step of each seed), in CELL_ORDER. */
  Map<SftRow.Cell, List<SftRow>> finals() {
    return finals(grid.rows());
  }

  static Map<SftRow.Cell, List<SftRow>> finals(List<SftRow> rows) {
    Map<SftRow.Cell, List<SftRow>> cells = new TreeMap<>(CELL_ORDER);
    rows.stream()
        .collect(
            Collectors.groupingBy(
                row -> row.cell().toString() + "/" + row.seed(),
                Collectors.maxBy(Comparator.comparingLong(SftRow::step))))
        .values()
        .stream()
        .flatMap(Optional::stream)
        .sorted(Comparator.comparingLong(SftRow::seed))
        .forEach(row -> cells.computeIfAbsent(row.cell(), k -> new ArrayList<>()).add(row));
    return cells;
  }

  /** The seeds' final values of one cell; empty when the grid has no such cell. */
  Optional<List<Double>> finalValues(SftRow.Cell cell, ToDoubleFunction<SftRow> metric) {
    return Optional.ofNullable(finals().get(cell))
        .map(rows -> rows.stream().map(metric::applyAsDouble).toList());
  }

  /**
   * ASR against the expected poisons seen, one point per checkpoint step (x: the mean over seeds,
   * y: the seeds' values); empty when a run of the cell has no config.json to give its batch size.
   */
  Optional<List<Point>> asrVersusPoisonsSeen(SftRow.Cell cell) {
    List<SftRow> rows = rowsOf(grid.rows(), cell);
    List<Double> seen = new ArrayList<>();
    for (SftRow row : rows) {
      OptionalInt batch = grid.batchSize(row);
      if (batch.isEmpty()) {
        return Optional.empty();
      }
      seen.add(
          expectedPoisonsSeen(row.step(), batch.getAsInt(), row.poisons(), row.cleanSamples()));
    }
    return Optional.of(byStep(rows, seen));
  }

  static double expectedPoisonsSeen(long step, int batchSize, int poisons, int cleanSamples) {
    return step * (double) batchSize * poisons / (cleanSamples + poisons);
  }

  /** ASR against the clean steps after SFT (persistence.csv), one point per step. */
  List<Point> persistence(SftRow.Cell cell, ToDoubleFunction<SftRow> metric) {
    List<SftRow> rows = rowsOf(grid.persistence(), cell);
    return byStep(rows, rows.stream().map(row -> (double) row.step()).toList(), metric);
  }

  List<SftRow.Cell> persistenceCells() {
    return grid.persistence().stream().map(SftRow::cell).distinct().sorted(CELL_ORDER).toList();
  }

  private static List<SftRow> rowsOf(List<SftRow> rows, SftRow.Cell cell) {
    return rows.stream().filter(row -> row.cell().equals(cell)).toList();
  }

  private static List<Point> byStep(List<SftRow> rows, List<Double> xs) {
    return byStep(rows, xs, SftRow::asr);
  }

  /** Points in step order: x and y summarised over the rows (seeds) of each step. */
  private static List<Point> byStep(
      List<SftRow> rows, List<Double> xs, ToDoubleFunction<SftRow> metric) {
    Map<Long, List<Integer>> byStep = new TreeMap<>();
    for (int index = 0; index < rows.size(); index++) {
      byStep.computeIfAbsent(rows.get(index).step(), k -> new ArrayList<>()).add(index);
    }
    List<Point> points = new ArrayList<>();
    byStep.forEach(
        (step, indices) ->
            points.add(
                new Point(
                    Summary.of(indices.stream().map(xs::get).toList()),
                    Summary.of(
                        indices.stream().map(i -> metric.applyAsDouble(rows.get(i))).toList()))));
    return points;
  }
}
