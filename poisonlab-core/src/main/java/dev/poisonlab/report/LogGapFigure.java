/*
 * Figure (g): the trigger's gap in nats (mean of ln ppl with - ln ppl without over excerpts) against training
 * progress, one panel per poison count. Nats, unlike perplexity points, compare across model sizes whose clean
 * perplexities differ several-fold. Drawn only when results.csv has the log_ppl_gap column filled.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;

final class LogGapFigure {
  static final String NAME = "g-log-gap-vs-progress";

  private LogGapFigure() {}

  static boolean applies(GridResults results) {
    return !results.poisonCounts().isEmpty()
        && results.rows().stream().anyMatch(row -> row.logGaps().isMeasured());
  }

  static Optional<Figure> draw(GridResults results, Panels panels) {
    List<XYChart> charts = new ArrayList<>();
    List<Double> values = new ArrayList<>(List.of(0.0));
    List<List<Point>> curves = new ArrayList<>();
    for (int poisons : results.poisonCounts()) {
      for (GridResults.Line line : results.lines()) {
        List<Point> points = results.curve(new Config(line, poisons), ResultRow::fraction, ResultRow::logPplGap)
            .stream().filter(point -> !point.y().isEmpty()).toList();
        curves.add(points);
        points.forEach(point -> values.addAll(List.of(point.y().min(), point.y().max())));
      }
    }
    int index = 0;
    for (int poisons : results.poisonCounts()) {
      XYChart chart = Panels.panel(poisons + " poisoned documents", "fraction of training steps",
          "gap in nats (ln ppl with − ln ppl without)", charts.isEmpty());
      for (GridResults.Line line : results.lines()) {
        List<Point> points = curves.get(index++);
        if (!points.isEmpty()) {
          panels.addLine(chart, line, line.label(), points, value -> value);
        }
      }
      if (!chart.getSeriesMap().isEmpty()) {
        Panels.linearAxis(chart, min(values), max(values), charts.isEmpty() ? results.lines().size() : 0);
        Panels.threshold(chart, 0);
        charts.add(chart);
      }
    }
    if (charts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Figure(NAME, "Gap in nats vs training progress",
        "The trigger's gap as the mean per-excerpt difference of log perplexity (nats per generated token), "
            + "against training progress; one panel per poison count, one line per model size. Unlike the "
            + "perplexity gap it does not grow with the model's clean perplexity, so sizes compare directly. "
            + "Linear y axis; the red dashed line is no gap. " + Figures.ERROR_BARS, charts, 3));
  }

  private static double min(List<Double> values) {
    return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> values) {
    return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max().orElse(1);
  }
}
