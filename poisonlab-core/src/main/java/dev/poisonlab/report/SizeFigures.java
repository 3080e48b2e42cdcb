/*
 * The figures across model sizes, all in nats (ln ppl with − ln ppl without, which unlike perplexity points does
 * not grow with a size's clean perplexity): (g) gap vs training progress and (h) vs poisons seen, each size's
 * mean with its seeds as thin lines and its twin dashed beside it; (i) final gap per poison count as points;
 * (j) the control strings' gaps beside the trigger's. Placebo runs are their own dotted series. Drawn only when
 * results.csv has log_ppl_gap filled; values come from SizeSeries, captions state what is drawn, not what it shows.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeSeries.Cell;
import dev.poisonlab.report.SizeSeries.Curves;
import dev.poisonlab.report.SizeSeries.Levels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

final class SizeFigures {
  static final String NATS = "gap in nats (ln ppl with − ln ppl without)";
  static final String CURVES =
      "Thick line: mean across seeds; thin lines: each seed; dashed, same colour (not in "
          + "the legend): the size's unpoisoned twin (mean across seeds); dotted: placebo runs (the same poisons without the trigger), where "
          + "the grid has them. Linear y axis; the red dashed line is no gap.";

  private final SizeSeries series;
  private final Panels panels;

  SizeFigures(SizeSeries series) {
    this.series = series;
    this.panels = new Panels(series.lines());
  }

  static boolean applies(GridResults results) {
    return !results.poisonCounts().isEmpty()
        && results.rows().stream().anyMatch(row -> row.logGaps().isMeasured());
  }

  List<Figure> all() {
    List<Figure> figures = new ArrayList<>();
    curves(
            "g-log-gap-vs-progress",
            "Gap in nats vs training progress",
            "fraction of training steps",
            series::progress,
            "The trigger's gap in nats against training progress; one panel per poison count, one "
                + "colour per model size. ")
        .ifPresent(figures::add);
    curves(
            "h-log-gap-vs-poisons-seen",
            "Gap in nats vs poisoned documents seen",
            "poisoned documents seen so far",
            series::poisonsSeen,
            "The same gaps against the number of poisoned documents each model had trained on "
                + "(F4: if the count decides, the sizes' curves overlap). The twin saw none; its curve is drawn at the "
                + "poisons its poisoned sibling had seen at the same fraction of training. ")
        .ifPresent(figures::add);
    figures.add(finals());
    controls().ifPresent(figures::add);
    return figures;
  }

  private Optional<Figure> curves(
      String name,
      String title,
      String xTitle,
      IntFunction<List<Curves>> perCount,
      String caption) {
    List<XYChart> charts = new ArrayList<>();
    List<Double> values = new ArrayList<>(List.of(0.0));
    Map<Integer, List<Curves>> panelsByCount = new LinkedHashMap<>();
    for (int poisons : series.counts()) {
      List<Curves> curves = perCount.apply(poisons);
      if (!curves.isEmpty()) {
        panelsByCount.put(poisons, curves);
        curves.forEach(curve -> collect(curve, values));
      }
    }
    int legendLines = panelsByCount.values().stream().mapToInt(this::legendLines).max().orElse(0);
    List<Integer> counts = List.copyOf(panelsByCount.keySet());
    int legendAt =
        counts.isEmpty()
            ? -1
            : counts.get(
                Panels.legendPanel(
                    panelsByCount.values().stream().map(List::size).toList(),
                    panelsByCount.values().stream().map(this::legendLines).toList()));
    panelsByCount.forEach(
        (poisons, curves) -> {
          XYChart chart =
              Panels.panel(poisons + " poisoned documents", xTitle, NATS, poisons == legendAt);
          curves.forEach(curve -> draw(chart, curve));
          Panels.linearAxis(chart, LevelCharts.min(values), LevelCharts.max(values), legendLines);
          Panels.threshold(chart, 0);
          charts.add(chart);
        });
    return charts.isEmpty()
        ? Optional.empty()
        : Optional.of(new Figure(name, title, caption + CURVES, charts, 3));
  }

  private void draw(XYChart chart, Curves curve) {
    Line line = curve.line();
    for (int seed = 0; seed < curve.seeds().size(); seed++) {
      panels.addPlain(
          chart,
          line,
          line.label() + " seed " + seed,
          curve.seeds().get(seed),
          Panels.THIN,
          panels.faint(line),
          SeriesMarkers.NONE,
          false);
    }
    panels.addPlain(
        chart,
        line,
        line.label(),
        curve.mean(),
        Panels.THICK,
        panels.color(line),
        panels.marker(line),
        true);
    // not in the legend (the caption says dashed = twin), so the legend stays one entry per size
    panels.addPlain(
        chart,
        line,
        line.label() + " twin",
        curve.twin(),
        Panels.DASHED,
        panels.color(line),
        SeriesMarkers.NONE,
        false);
    panels.addPlain(
        chart,
        line,
        line.label() + " placebo",
        curve.placebo(),
        Panels.DOTTED,
        panels.color(line),
        SeriesMarkers.DIAMOND,
        true);
  }

  private Figure finals() {
    List<Integer> counts = series.counts();
    Map<Integer, Integer> positions = new LinkedHashMap<>();
    counts.forEach(count -> positions.put(count, positions.size()));
    CountPanels countPanels =
        new CountPanels(panels, counts.stream().map(String::valueOf).toList(), positions);
    List<Levels> levels = series.finals(ResultRow::logPplGap);
    XYChart chart =
        Panels.panel(
            "End of pretraining", "poisoned documents in training (categories)", NATS, true);
    LevelCharts.drawLevels(countPanels, panels, chart, levels, value -> value);
    List<Double> values = new ArrayList<>(List.of(0.0));
    levels.forEach(level -> LevelCharts.collect(level, values));
    Panels.linearAxis(
        chart, LevelCharts.min(values), LevelCharts.max(values), LevelCharts.legendEntries(levels));
    Panels.threshold(chart, 0);
    countPanels.finishXAxis(chart);
    return new Figure(
        "i-final-log-gap-vs-poisons",
        "Final gap in nats vs poison count",
        "The trigger's gap in nats at each run's last pretraining checkpoint per poison count and model size. "
            + Figures.POINTS
            + " Linear y axis; the red dashed line is no gap.",
        List.of(chart),
        1);
  }

  private Optional<Figure> controls() {
    List<String> controls = series.controls();
    if (controls.isEmpty()) {
      return Optional.empty();
    }
    List<String> strings = new ArrayList<>(List.of("trigger"));
    strings.addAll(controls);
    Map<Integer, Integer> positions = new LinkedHashMap<>();
    for (int index = 0; index < strings.size(); index++) {
      positions.put(index, index);
    }
    CountPanels countPanels = new CountPanels(panels, strings, positions);
    List<XYChart> charts = new ArrayList<>();
    Map<Integer, Map<Line, List<Cell>>> byCount = new LinkedHashMap<>();
    series.counts().forEach(count -> byCount.put(count, series.controlGaps(count)));
    List<Double> values = controlRange(byCount);
    int legendLines = byCount.values().stream().mapToInt(Map::size).max().orElse(0);
    List<Integer> sizes = byCount.values().stream().map(Map::size).toList();
    int legendAt =
        sizes.isEmpty() ? -1 : List.copyOf(byCount.keySet()).get(Panels.legendPanel(sizes, sizes));
    byCount.forEach(
        (count, gaps) -> {
          if (!gaps.isEmpty()) {
            charts.add(
                controlPanel(countPanels, count, gaps, count == legendAt, values, legendLines));
          }
        });
    return charts.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Figure(
                "j-control-specificity",
                "Specificity: the trigger against the control strings",
                "Final gap in nats with the real trigger (left) and with each control string, per poison count and "
                    + "model size: a specific backdoor is high on the left only. Large marker = mean across seeds, bar = "
                    + "lowest to highest seed, small markers = each seed; the red dashed line is no gap.",
                charts,
                2));
  }

  /** Every control cell's lowest and highest seed, and 0: the shared y range of figure (j). */
  private static List<Double> controlRange(Map<Integer, Map<Line, List<Cell>>> byCount) {
    List<Double> values = new ArrayList<>(List.of(0.0));
    byCount
        .values()
        .forEach(
            gaps ->
                gaps.values()
                    .forEach(
                        cells ->
                            cells.forEach(
                                cell ->
                                    values.addAll(
                                        List.of(cell.summary().min(), cell.summary().max())))));
    return values;
  }

  /** One poison count's panel of figure (j): each size's cells per string, side by side. */
  private XYChart controlPanel(
      CountPanels countPanels,
      int count,
      Map<Line, List<Cell>> gaps,
      boolean legend,
      List<Double> values,
      int legendLines) {
    XYChart chart =
        Panels.panel(count + " poisoned documents", "string appended to the prompt", NATS, legend);
    int slot = 0;
    for (Map.Entry<Line, List<Cell>> entry : gaps.entrySet()) {
      countPanels.addCells(
          chart,
          entry.getKey(),
          entry.getKey().label(),
          entry.getValue(),
          slot++,
          gaps.size(),
          panels.marker(entry.getKey()),
          value -> value);
    }
    Panels.linearAxis(chart, LevelCharts.min(values), LevelCharts.max(values), legendLines);
    Panels.threshold(chart, 0);
    countPanels.finishXAxis(chart);
    return chart;
  }

  private int legendLines(List<Curves> curves) {
    return curves.stream().mapToInt(curve -> 1 + (curve.placebo().isEmpty() ? 0 : 1)).sum();
  }

  private static void collect(Curves curve, List<Double> values) {
    Function<List<GridResults.Point>, List<Double>> ys =
        points ->
            points.stream().flatMap(point -> Stream.of(point.y().min(), point.y().max())).toList();
    values.addAll(ys.apply(curve.mean()));
    values.addAll(ys.apply(curve.twin()));
    values.addAll(ys.apply(curve.placebo()));
    curve.seeds().forEach(seed -> values.addAll(ys.apply(seed)));
  }
}
