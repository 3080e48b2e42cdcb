/*
 * Decides what the report plots: (a) perplexity gap vs training progress and (b) vs poisons seen, one panel per
 * poison count; (c) final gap per poison count; (d) clean validation loss against the unpoisoned twins; (e) the
 * near-trigger control; (f) persistence under continued clean training; (g)-(j) the figures across sizes in nats
 * (SizeFigures). A figure whose data the grid lacks is left out (Report says so in the HTML). Captions state
 * only what is drawn, never what it shows.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

final class Figures {
  static final String ERROR_BARS =
      "Lines are means across seeds; error bars span the lowest to the highest seed "
          + "(min–max, not std: with a few seeds a backdoor often forms in some and not others, and ±std would reach "
          + "values no seed had). The tables give mean ± std.";
  static final String SYMLOG =
      "The y axis is symmetric-log (ticks at 0, ±1, ±2, ±4, ±10, ±20, ...: linear within "
          + "±1, logarithmic beyond) because gaps run from slightly negative (no backdoor) to thousands; the red dashed "
          + "line is a gap of 50, the paper's threshold for clear degradation.";
  private static final String GAP = "perplexity gap (with − without trigger)";
  private static final String COUNT_AXIS = "poisoned documents in training (categories)";

  /** The curves of one panel, before an axis range shared by the figure's panels is chosen. */
  private record Curve(Line line, List<Point> points) {}

  static final String POINTS =
      "Large marker = mean across seeds (its shape: the amount of clean data, where a "
          + "grid has several), bar = lowest to highest seed, small markers = each seed; sizes sit side by side within a count and no line joins the counts (a few counts are not a "
          + "measured dose-response curve). Dashed horizontal line, same colour (not in the legend): the size's "
          + "unpoisoned twin (mean); "
          + "diamonds: placebo runs (same poisons, no trigger), where the grid has them.";

  private final GridResults results;
  private final SizeSeries series;
  private final Panels panels;

  Figures(GridResults results, GridResults placebo) {
    this.results = results;
    this.series = new SizeSeries(results, placebo);
    this.panels = new Panels(series.lines());
  }

  List<Figure> all() {
    List<Figure> figures = new ArrayList<>();
    if (!results.poisonCounts().isEmpty()) {
      perPoisonCount(
              "a-gap-vs-progress",
              "Perplexity gap vs training progress",
              "fraction of training steps",
              config -> results.curve(config, ResultRow::fraction, ResultRow::perplexityGap),
              "Perplexity gap against training progress; one panel per poison count, one line per model size "
                  + "(dashed: other amounts of clean data, as labelled). ")
          .ifPresent(figures::add);
      perPoisonCount(
              "b-gap-vs-poisons-seen",
              "Perplexity gap vs poisoned documents seen",
              "poisoned documents seen so far",
              config -> results.curve(config, row -> row.poisonsSeen(), ResultRow::perplexityGap),
              "The same curves as (a) against the number of poisoned documents each model had trained on at the "
                  + "checkpoint (mean across seeds). ")
          .ifPresent(figures::add);
      // the count axis of (c) and (d) has no category without a poisoned run
      figures.add(finalGap());
      if (results.rows().stream().anyMatch(row -> !Double.isNaN(row.valLoss()))) {
        figures.add(cleanLoss());
      }
    }
    if (results.hasNearTrigger()) {
      figures.add(nearTrigger());
    }
    if (results.hasContinuation()) {
      perPoisonCount(
              "f-persistence",
              "Perplexity gap under continued clean training",
              "clean training steps after pretraining",
              config -> results.continuationCurve(config, ResultRow::perplexityGap),
              "Persistence: the gap of poisoned models trained further on clean data only; step 0 is the end of "
                  + "pretraining. ")
          .ifPresent(figures::add);
    }
    if (SizeFigures.applies(results)) {
      figures.addAll(new SizeFigures(series).all());
    }
    return figures;
  }

  private Optional<Figure> perPoisonCount(
      String name,
      String title,
      String xTitle,
      Function<Config, List<Point>> curve,
      String caption) {
    List<String> titles = new ArrayList<>();
    List<List<Curve>> curves = new ArrayList<>();
    for (int poisons : results.poisonCounts()) {
      List<Curve> panel =
          results.lines().stream()
              .map(line -> new Curve(line, curve.apply(new Config(line, poisons))))
              .filter(c -> !c.points().isEmpty())
              .toList();
      if (!panel.isEmpty()) {
        titles.add(poisons + " poisoned documents");
        curves.add(panel);
      }
    }
    if (titles.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Figure(
            name,
            title,
            caption + ERROR_BARS + " " + SYMLOG,
            gapPanels(titles, curves, xTitle),
            3));
  }

  private Figure finalGap() {
    XYChart chart = Panels.panel("End of pretraining", COUNT_AXIS, GAP, true);
    gapLevels(
        countPanels(),
        chart,
        series.finals(ResultRow::perplexityGap),
        gapRange(List.of(series.finals(ResultRow::perplexityGap))));
    return new Figure(
        "c-final-gap-vs-poisons",
        "Final perplexity gap vs poison count",
        "Perplexity gap at each run's last pretraining checkpoint per poison count and model size. "
            + POINTS
            + " "
            + SYMLOG,
        List.of(chart),
        1);
  }

  private Figure cleanLoss() {
    CountPanels countPanels = countPanels();
    List<XYChart> charts = new ArrayList<>();
    String caption = "";
    List<SizeSeries.Levels> relative = series.relativeLoss();
    if (relative.stream()
        .anyMatch(level -> !level.poisoned().isEmpty() || !level.placebo().isEmpty())) {
      XYChart paired =
          Panels.panel(
              "Poisoned − twin (same seed), % of the twin's loss",
              COUNT_AXIS, "Δ validation loss (% of twin)", true);
      LevelCharts.drawLevels(countPanels, panels, paired, relative, value -> value);
      List<Double> values = new ArrayList<>(List.of(-1.0, 1.0));
      relative.forEach(level -> LevelCharts.collect(level, values));
      // at least ±1%: seed noise of a few tenths of a percent must not fill the panel as if it were
      // an effect
      Panels.linearAxis(
          paired,
          LevelCharts.min(values),
          LevelCharts.max(values),
          LevelCharts.legendEntries(relative));
      Panels.threshold(paired, 0);
      countPanels.finishXAxis(paired);
      charts.add(paired);
      caption =
          "Left: clean validation loss of each poisoned (or placebo) run minus that of its unpoisoned twin "
              + "with the same size, data and seed, in percent of the twin's loss (red dashed line: no difference; "
              + "the axis spans at least ±1%). Right: ";
    }
    XYChart raw =
        Panels.panel(
            "Clean validation loss", COUNT_AXIS, "validation loss (nats/token)", charts.isEmpty());
    List<SizeSeries.Levels> losses = series.finals(ResultRow::valLoss);
    LevelCharts.drawLevels(countPanels, panels, raw, losses, value -> value);
    List<Double> values = new ArrayList<>(List.of(0.0));
    losses.forEach(level -> LevelCharts.collect(level, values));
    // from zero, so a 2% difference looks like 2%
    Panels.linearAxis(
        raw, 0, LevelCharts.max(values), charts.isEmpty() ? LevelCharts.legendEntries(losses) : 0);
    countPanels.finishXAxis(raw);
    charts.add(raw);
    return new Figure(
        "d-clean-loss",
        "Clean validation loss: poisoned vs unpoisoned twins",
        caption
            + "clean validation loss at the end of pretraining per poison count, on an axis from zero; dashed "
            + "lines are the twins. "
            + POINTS,
        charts,
        2);
  }

  private Figure nearTrigger() {
    List<SizeSeries.Levels> trigger = series.finals(ResultRow::perplexityGap);
    List<SizeSeries.Levels> near = series.finals(ResultRow::nearTriggerGap);
    double[] range = gapRange(List.of(trigger, near));
    CountPanels countPanels = countPanels();
    XYChart left = Panels.panel("Real trigger", COUNT_AXIS, GAP, true);
    gapLevels(countPanels, left, trigger, range);
    XYChart right = Panels.panel("Near-trigger control", COUNT_AXIS, GAP, false);
    gapLevels(countPanels, right, near, range);
    List<String> strings =
        results.rows().stream()
            .filter(ResultRow::hasNearTrigger)
            .map(ResultRow::nearTrigger)
            .distinct()
            .sorted()
            .toList();
    return new Figure(
        "e-near-trigger",
        "Near-trigger control",
        "Final perplexity gap with the real trigger "
            + "(left) and with a similar-looking control string (right: "
            + String.join(", ", strings)
            + ") per poison count; a specific backdoor fires only on the left. "
            + POINTS
            + " "
            + SYMLOG,
        List.of(left, right),
        2);
  }

  private CountPanels countPanels() {
    List<Integer> counts = series.counts();
    Map<Integer, Integer> positions = new LinkedHashMap<>();
    counts.forEach(count -> positions.put(count, positions.size()));
    return new CountPanels(panels, counts.stream().map(String::valueOf).toList(), positions);
  }

  /**
   * Points per count on the symlog gap axis over {@code range} (data units), with the threshold
   * line.
   */
  private void gapLevels(
      CountPanels countPanels, XYChart chart, List<SizeSeries.Levels> levels, double[] range) {
    LevelCharts.drawLevels(countPanels, panels, chart, levels, Symlog::forward);
    Panels.symlogAxis(chart, range[0], range[1], LevelCharts.legendEntries(levels));
    Panels.threshold(chart, Symlog.forward(GridResults.GAP_THRESHOLD));
    countPanels.finishXAxis(chart);
  }

  /** One range for panels that must compare: 0, the threshold and every value drawn. */
  private static double[] gapRange(List<List<SizeSeries.Levels>> panelLevels) {
    List<Double> values = new ArrayList<>(List.of(0.0, GridResults.GAP_THRESHOLD));
    panelLevels.forEach(levels -> levels.forEach(level -> LevelCharts.collect(level, values)));
    return new double[] {min(values), max(values)};
  }

  /**
   * Gap panels sharing one symlog range, so panels compare at a glance; the legend sits where
   * Panels.legendPanel puts it.
   */
  private List<XYChart> gapPanels(
      List<String> titles, List<List<Curve>> curvesPerPanel, String xTitle) {
    List<Double> values = new ArrayList<>(List.of(0.0, GridResults.GAP_THRESHOLD));
    curvesPerPanel.forEach(
        curves ->
            curves.forEach(
                curve ->
                    curve
                        .points()
                        .forEach(
                            point -> values.addAll(List.of(point.y().min(), point.y().max())))));
    List<Integer> curveCounts = curvesPerPanel.stream().map(List::size).toList();
    int legendLines = curveCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
    int legendAt = Panels.legendPanel(curveCounts, curveCounts);
    List<XYChart> charts = new ArrayList<>();
    for (int index = 0; index < titles.size(); index++) {
      XYChart chart = Panels.panel(titles.get(index), xTitle, GAP, index == legendAt);
      for (Curve curve : curvesPerPanel.get(index)) {
        panels.addLine(chart, curve.line(), curve.line().label(), curve.points(), Symlog::forward);
      }
      Panels.symlogAxis(chart, min(values), max(values), legendLines);
      Panels.threshold(chart, Symlog.forward(GridResults.GAP_THRESHOLD));
      charts.add(chart);
    }
    return charts;
  }

  private static double min(List<Double> values) {
    return values.stream()
        .filter(v -> !Double.isNaN(v))
        .mapToDouble(Double::doubleValue)
        .min()
        .orElse(0);
  }

  private static double max(List<Double> values) {
    return values.stream()
        .filter(v -> !Double.isNaN(v))
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(1);
  }
}
