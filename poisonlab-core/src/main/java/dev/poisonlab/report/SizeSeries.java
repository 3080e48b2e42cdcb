/*
 * The series the figures across sizes draw, computed from results.csv and the placebo runs' rows: per model size
 * the trigger's gap in nats against training progress and against poisons seen (mean, each seed, the twin, the
 * placebo), final values per poison count with every seed, clean loss relative to the twin, and each control's
 * gap beside the trigger's. A cell the grid did not run (model_counts) is simply absent. Pure arithmetic, tested
 * against hand-computed values; drawing is SizeFigures' and CountPanels'.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

final class SizeSeries {
  /**
   * One size in one panel: mean across seeds, each seed, its unpoisoned twin and its placebo (empty
   * if absent).
   */
  record Curves(
      Line line,
      List<Point> mean,
      List<List<Point>> seeds,
      List<Point> twin,
      List<Point> placebo) {}

  /**
   * The values of every seed of one configuration at one x category: {@code key} is the poison
   * count, or for controlGaps the string's index (0 = trigger); summary is their mean, spread and
   * n.
   */
  record Cell(int key, Summary summary, double[] seeds) {}

  /**
   * One size at every poison count it ran: poisoned cells, placebo cells and the twin's level (n =
   * 0: none).
   */
  record Levels(Line line, List<Cell> poisoned, List<Cell> placebo, Summary twin) {}

  private final GridResults results;
  private final GridResults placebo;

  SizeSeries(GridResults results, GridResults placebo) {
    this.results = results;
    this.placebo = placebo;
  }

  /** Sizes in either file, smallest first. */
  List<Line> lines() {
    return Stream.concat(results.lines().stream(), placebo.lines().stream())
        .distinct()
        .sorted(Line.ORDER)
        .toList();
  }

  /** Poison counts of poisoned or placebo runs, ascending: the panels and the count axis. */
  List<Integer> counts() {
    Set<Integer> counts = new TreeSet<>(results.poisonCounts());
    counts.addAll(placebo.poisonCounts());
    return List.copyOf(counts);
  }

  boolean hasPlacebo() {
    return !placebo.rows().isEmpty();
  }

  /** Nats gap against the fraction of training; sizes with nothing at this count are left out. */
  List<Curves> progress(int poisons) {
    ToDoubleFunction<ResultRow> x = ResultRow::fraction;
    List<Curves> curves = new ArrayList<>();
    for (Line line : lines()) {
      Config config = new Config(line, poisons);
      List<Point> mean = logCurve(results, config, x);
      List<Point> placeboCurve = logCurve(placebo, config, x);
      if (!mean.isEmpty() || !placeboCurve.isEmpty()) {
        curves.add(
            new Curves(
                line,
                mean,
                results.runCurves(config, x, ResultRow::logPplGap),
                logCurve(results, new Config(line, 0), x),
                placeboCurve));
      }
    }
    return curves;
  }

  /**
   * Nats gap against poisons seen (F4). The twin saw none, so its value at each checkpoint is drawn
   * at the poisons its poisoned sibling had seen at the same fraction of training: the level a
   * curve must leave.
   */
  List<Curves> poisonsSeen(int poisons) {
    ToDoubleFunction<ResultRow> seen = row -> row.poisonsSeen();
    List<Curves> curves = new ArrayList<>();
    for (Line line : lines()) {
      Config config = new Config(line, poisons);
      List<Point> mean = logCurve(results, config, seen);
      List<Point> placeboCurve = logCurve(placebo, config, seen);
      if (mean.isEmpty() && placeboCurve.isEmpty()) {
        continue;
      }
      Map<Long, Double> seenAt =
          results.curve(config, ResultRow::fraction, seen).stream()
              .collect(
                  Collectors.toMap(
                      point -> key(point.x().mean()),
                      point -> point.y().mean(),
                      (a, b) -> a,
                      TreeMap::new));
      List<Point> twin =
          logCurve(results, new Config(line, 0), ResultRow::fraction).stream()
              .filter(point -> seenAt.containsKey(key(point.x().mean())))
              .map(point -> new Point(Summary.of(seenAt.get(key(point.x().mean()))), point.y()))
              .toList();
      curves.add(
          new Curves(
              line,
              mean,
              results.runCurves(config, seen, ResultRow::logPplGap),
              twin,
              placeboCurve));
    }
    return curves;
  }

  /**
   * Final values of {@code value} per size and count, every seed kept; the twin's final values as
   * its level.
   */
  List<Levels> finals(ToDoubleFunction<ResultRow> value) {
    List<Levels> levels = new ArrayList<>();
    for (Line line : lines()) {
      Summary twin = Summary.of(values(results.finalRows(new Config(line, 0)), value));
      levels.add(new Levels(line, cells(results, line, value), cells(placebo, line, value), twin));
    }
    return levels;
  }

  /**
   * Clean validation loss minus the same-seed twin's, in percent of the twin's; runs without a twin
   * drop out.
   */
  List<Levels> relativeLoss() {
    List<Levels> levels = new ArrayList<>();
    for (Line line : lines()) {
      Map<Long, Double> twins =
          results.finalRows(new Config(line, 0)).stream()
              .collect(Collectors.toMap(ResultRow::seed, ResultRow::valLoss));
      ToDoubleFunction<ResultRow> relative =
          row ->
              twins.containsKey(row.seed())
                  ? 100 * (row.valLoss() - twins.get(row.seed())) / twins.get(row.seed())
                  : Double.NaN;
      levels.add(
          new Levels(
              line, cells(results, line, relative), cells(placebo, line, relative), Summary.of()));
    }
    return levels;
  }

  /** Control strings in the order the grid measured them (first poisoned row that has each). */
  List<String> controls() {
    Set<String> controls = new LinkedHashSet<>();
    results.rows().stream()
        .filter(row -> row.poisons() > 0)
        .forEach(row -> controls.addAll(row.logGaps().controlLogGaps().keySet()));
    return List.copyOf(controls);
  }

  /**
   * Final nats gap of the trigger (index 0) and of each control (in controls() order), per size, at
   * one count.
   */
  Map<Line, List<Cell>> controlGaps(int poisons) {
    Map<Line, List<Cell>> gaps = new TreeMap<>(Line.ORDER);
    for (Line line : results.lines()) {
      List<ResultRow> finals = results.finalRows(new Config(line, poisons));
      if (finals.isEmpty()) {
        continue;
      }
      List<Cell> cells = new ArrayList<>(List.of(cell(0, values(finals, ResultRow::logPplGap))));
      List<String> controls = controls();
      for (int index = 0; index < controls.size(); index++) {
        String control = controls.get(index);
        cells.add(
            cell(
                index + 1,
                values(
                    finals,
                    row -> row.logGaps().controlLogGaps().getOrDefault(control, Double.NaN))));
      }
      gaps.put(line, cells);
    }
    return gaps;
  }

  private static List<Point> logCurve(
      GridResults source, Config config, ToDoubleFunction<ResultRow> x) {
    return source.curve(config, x, ResultRow::logPplGap).stream()
        .filter(point -> !point.y().isEmpty())
        .toList();
  }

  private static List<Cell> cells(
      GridResults source, Line line, ToDoubleFunction<ResultRow> value) {
    List<Cell> cells = new ArrayList<>();
    for (int poisons : source.poisonCounts()) {
      double[] seeds = values(source.finalRows(new Config(line, poisons)), value);
      if (seeds.length > 0) {
        cells.add(cell(poisons, seeds));
      }
    }
    return cells;
  }

  private static Cell cell(int poisons, double[] seeds) {
    return new Cell(poisons, Summary.of(seeds), seeds);
  }

  /** The non-NaN values, in the rows' (seed) order. */
  private static double[] values(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    return rows.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static long key(double fraction) {
    return Math.round(fraction * 1e6);
  }
}
