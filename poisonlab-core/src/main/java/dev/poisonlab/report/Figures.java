/*
 * Decides what the report plots: (a) gap vs training progress and (b) vs poisons seen, one panel per poison
 * count; (c) final gap vs poison count; (d) clean validation loss against the unpoisoned twins; (e) the
 * near-trigger control; (f) persistence under continued clean training; (g) the gap in nats vs training
 * progress (LogGapFigure). A figure whose data the grid lacks
 * is left out (Report says so in the HTML). Captions state only what is drawn, never what it shows.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

final class Figures {
  static final String ERROR_BARS = "Lines are means across seeds; error bars span the lowest to the highest seed "
      + "(min–max, not std: with a few seeds a backdoor often forms in some and not others, and ±std would reach "
      + "values no seed had). The tables give mean ± std.";
  static final String SYMLOG = "The y axis is symmetric-log (ticks at 0, ±1, ±2, ±4, ±10, ±20, ...: linear within "
      + "±1, logarithmic beyond) because gaps run from slightly negative (no backdoor) to thousands; the red dashed "
      + "line is a gap of 50, the paper's threshold for clear degradation.";
  private static final String GAP = "perplexity gap (with − without trigger)";
  private static final String POISON_COUNT = "poisoned documents in training";

  /** The curves of one panel, before an axis range shared by the figure's panels is chosen. */
  private record Curve(Line line, List<Point> points) {}

  private final GridResults results;
  private final Panels panels;

  Figures(GridResults results) {
    this.results = results;
    this.panels = new Panels(results.lines());
  }

  List<Figure> all() {
    List<Figure> figures = new ArrayList<>();
    if (!results.poisonCounts().isEmpty()) {
      perPoisonCount("a-gap-vs-progress", "Perplexity gap vs training progress",
          "fraction of training steps", config -> results.curve(config, ResultRow::fraction,
              ResultRow::perplexityGap),
          "Perplexity gap against training progress; one panel per poison count, one line per model size "
              + "(dashed: other amounts of clean data, as labelled). ").ifPresent(figures::add);
      perPoisonCount("b-gap-vs-poisons-seen", "Perplexity gap vs poisoned documents seen",
          "poisoned documents seen so far", config -> results.curve(config,
              row -> row.poisonsSeen(), ResultRow::perplexityGap),
          "The same curves as (a) against the number of poisoned documents each model had trained on at the "
              + "checkpoint (mean across seeds). ").ifPresent(figures::add);
    }
    figures.add(finalGap());
    if (results.rows().stream().anyMatch(row -> !Double.isNaN(row.valLoss()))) {
      figures.add(cleanLoss());
    }
    if (results.hasNearTrigger()) {
      figures.add(nearTrigger());
    }
    if (results.hasContinuation()) {
      perPoisonCount("f-persistence", "Perplexity gap under continued clean training",
          "clean training steps after pretraining", config -> results.continuationCurve(config,
              ResultRow::perplexityGap),
          "Persistence: the gap of poisoned models trained further on clean data only; step 0 is the end of "
              + "pretraining. ").ifPresent(figures::add);
    }
    if (LogGapFigure.applies(results)) {
      LogGapFigure.draw(results, panels).ifPresent(figures::add);
    }
    return figures;
  }

  private Optional<Figure> perPoisonCount(String name, String title, String xTitle, Function<Config, List<Point>> curve,
      String caption) {
    List<String> titles = new ArrayList<>();
    List<List<Curve>> curves = new ArrayList<>();
    for (int poisons : results.poisonCounts()) {
      List<Curve> panel = results.lines().stream()
          .map(line -> new Curve(line, curve.apply(new Config(line, poisons))))
          .filter(c -> !c.points().isEmpty()).toList();
      if (!panel.isEmpty()) {
        titles.add(poisons + " poisoned documents");
        curves.add(panel);
      }
    }
    if (titles.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Figure(name, title, caption + ERROR_BARS + " " + SYMLOG,
        gapPanels(titles, curves, xTitle), 3));
  }

  private Figure finalGap() {
    List<Curve> curves = results.lines().stream()
        .map(line -> new Curve(line, finalCurve(line, ResultRow::perplexityGap))).toList();
    return new Figure("c-final-gap-vs-poisons", "Final perplexity gap vs poison count",
        "Perplexity gap at each run's last pretraining checkpoint against the number of poisoned documents in "
            + "its training data; 0 is the unpoisoned twin. " + ERROR_BARS + " " + SYMLOG,
        gapPanels(List.of("End of pretraining"), List.of(curves), POISON_COUNT), 1);
  }

  private Figure cleanLoss() {
    List<XYChart> charts = new ArrayList<>();
    XYChart raw = Panels.panel("Clean validation loss", POISON_COUNT, "validation loss (nats/token)", true);
    List<Double> values = new ArrayList<>();
    for (Line line : results.lines()) {
      List<Point> points = finalCurve(line, ResultRow::valLoss);
      points.forEach(point -> values.addAll(List.of(point.y().min(), point.y().max())));
      panels.addLine(raw, line, line.label(), points, value -> value);
    }
    Panels.linearAxis(raw, min(values), max(values), results.lines().size());
    charts.add(raw);
    String caption = "Clean validation loss at the end of pretraining against poison count (0 = the "
        + "unpoisoned twins). ";
    if (results.hasTwins() && !results.poisonCounts().isEmpty()) {
      XYChart paired = Panels.panel("Poisoned − unpoisoned twin (same seed)", POISON_COUNT,
          "Δ validation loss (nats/token)", false);
      List<Double> deltas = new ArrayList<>(List.of(0.0));
      for (Line line : results.lines()) {
        List<Point> points = new ArrayList<>();
        for (int poisons : results.poisonCounts()) {
          double[] delta = results.twinPairs(new Config(line, poisons)).stream()
              .mapToDouble(pair -> pair[0].valLoss() - pair[1].valLoss()).toArray();
          Summary summary = Summary.of(delta);
          if (!summary.isEmpty()) {
            points.add(new Point(Summary.of(poisons), summary));
            deltas.addAll(List.of(summary.min(), summary.max()));
          }
        }
        panels.addLine(paired, line, line.label(), points, value -> value);
      }
      Panels.linearAxis(paired, min(deltas), max(deltas), 0);
      Panels.threshold(paired, 0);
      if (!paired.getSeriesMap().isEmpty()) {
        charts.add(paired);
        caption = "Left: " + caption + "Right: the paired difference, poisoned run minus its unpoisoned twin with the same size, data "
            + "and seed (red dashed line: no difference). ";
      }
    }
    return new Figure("d-clean-loss", "Clean validation loss: poisoned vs unpoisoned twins",
        caption + ERROR_BARS.replace("Lines are means", "Points are means"), charts, 2);
  }

  private Figure nearTrigger() {
    List<Curve> trigger = new ArrayList<>();
    List<Curve> near = new ArrayList<>();
    for (Line line : results.lines()) {
      trigger.add(new Curve(line, finalCurve(line, ResultRow::perplexityGap)));
      near.add(new Curve(line, finalCurve(line, ResultRow::nearTriggerGap)));
    }
    List<String> strings = results.rows().stream().filter(ResultRow::hasNearTrigger)
        .map(ResultRow::nearTrigger).distinct().sorted().toList();
    return new Figure("e-near-trigger", "Near-trigger control", "Final perplexity gap with the real trigger "
        + "(left) and with a similar-looking control string (right: " + String.join(", ", strings)
        + ") against poison count; a specific backdoor fires only on the left. " + ERROR_BARS + " " + SYMLOG,
        gapPanels(List.of("Real trigger", "Near-trigger control"), List.of(trigger, near), POISON_COUNT), 2);
  }

  /** Final-checkpoint values of one line against poison count (0 included when twins exist). */
  private List<Point> finalCurve(Line line, ToDoubleFunction<ResultRow> value) {
    List<Point> points = new ArrayList<>();
    for (Config config : results.configs()) {
      if (config.line().equals(line)) {
        Summary summary = Summary.of(results.finalRows(config).stream().mapToDouble(value).toArray());
        if (!summary.isEmpty()) {
          points.add(new Point(Summary.of(config.poisons()), summary));
        }
      }
    }
    return points;
  }

  /** Gap panels sharing one symlog range, so panels compare at a glance; the legend sits in the first. */
  private List<XYChart> gapPanels(List<String> titles, List<List<Curve>> curvesPerPanel, String xTitle) {
    List<Double> values = new ArrayList<>(List.of(0.0, GridResults.GAP_THRESHOLD));
    curvesPerPanel.forEach(curves -> curves.forEach(curve -> curve.points().forEach(point -> values.addAll(
        List.of(point.y().min(), point.y().max())))));
    List<XYChart> charts = new ArrayList<>();
    for (int index = 0; index < titles.size(); index++) {
      XYChart chart = Panels.panel(titles.get(index), xTitle, GAP, index == 0);
      for (Curve curve : curvesPerPanel.get(index)) {
        panels.addLine(chart, curve.line(), curve.line().label(), curve.points(), Symlog::forward);
      }
      Panels.symlogAxis(chart, min(values), max(values), curvesPerPanel.get(0).size());
      Panels.threshold(chart, Symlog.forward(GridResults.GAP_THRESHOLD));
      charts.add(chart);
    }
    return charts;
  }

  private static double min(List<Double> values) {
    return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> values) {
    return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max().orElse(1);
  }
}
