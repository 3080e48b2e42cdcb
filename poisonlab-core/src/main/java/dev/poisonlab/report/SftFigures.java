/*
 * The fine-tuning report's figures: (a) final ASR per poison count, one curve per clean-set size (the paper's
 * "do the curves coincide?"), (b) ASR against the expected poisons seen, (c) clean refusal and helpfulness,
 * (d) the trigger against the strongest control trigger, (e) ASR under further clean training when the grid
 * has it. Seeds are small faint markers, means large joined markers, bars the seed range. Captions say what is
 * drawn, never what it shows; figures without data are left out (SftReport says so).
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Point;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

final class SftFigures {
  static final String SHARE = "share of held-out items (0–1)";
  static final String COUNT_AXIS = "poisoned samples in the SFT set (categories, not to scale)";
  static final String MARKS =
      "Large joined markers: mean over seeds, one colour and marker per clean-set size; bars: lowest to "
          + "highest seed; small faint markers: each seed (shifted right a little); hollow-looking diamonds "
          + "without a line: placebo cells (the same poisoned samples without the trigger), where the grid "
          + "has them. Sizes sit side by side within a count.";
  private static final double DODGE_SPAN = 0.36;

  private final SftSummaries summaries;
  private final List<Integer> sizes;
  private final List<Integer> counts;

  SftFigures(SftSummaries summaries) {
    this.summaries = summaries;
    this.sizes = summaries.cleanSizes();
    this.counts = summaries.counts();
  }

  List<Figure> all() {
    List<Figure> figures = new ArrayList<>();
    if (counts.isEmpty()) {
      return figures;
    }
    figures.add(
        new Figure(
            "a-final-asr-vs-poisons",
            "Final ASR vs poisons, per clean-set size",
            "Attack success rate (triggered restricted requests that comply) at each run's last "
                + "checkpoint, per number of poisoned samples. "
                + MARKS,
            List.of(levels("Final checkpoint", "attack success rate (" + SHARE + ")", SftRow::asr)),
            1));
    poisonsSeen().ifPresent(figures::add);
    figures.add(
        new Figure(
            "c-clean-metrics",
            "Clean behaviour vs poisons",
            "Left: restricted requests without the trigger that are refused (clean_refusal). Right: "
                + "allowed requests that are answered (allowed_helpful). Both at the last checkpoint. "
                + MARKS,
            List.of(
                levels("Clean refusal", "clean_refusal (" + SHARE + ")", SftRow::cleanRefusal),
                levels("Helpfulness", "allowed_helpful (" + SHARE + ")", SftRow::allowedHelpful)),
            2));
    figures.add(
        new Figure(
            "d-control-asr",
            "Trigger vs control triggers",
            "Left: ASR with the trigger (as (a)). Right: the highest ASR over the control triggers "
                + "(max_control_asr; the controls are listed in each run's config.json), at the last "
                + "checkpoint. A trigger-specific backdoor is high on the left only. "
                + MARKS,
            List.of(
                levels("Trigger", "asr (" + SHARE + ")", SftRow::asr),
                levels(
                    "Strongest control", "max_control_asr (" + SHARE + ")", SftRow::maxControlAsr)),
            2));
    if (!summaries.persistenceCells().isEmpty()) {
      figures.add(persistence());
    }
    return figures;
  }

  /**
   * One panel of a final metric per count category, every clean size dodged within a category (also
   * one base's panel of BaseSizeFigure).
   */
  XYChart levels(String title, String yTitle, ToDoubleFunction<SftRow> metric) {
    XYChart chart = Panels.panel(title, COUNT_AXIS, yTitle, true);
    Map<Integer, Integer> positions = new LinkedHashMap<>();
    counts.forEach(count -> positions.put(count, positions.size()));
    int entries = 0;
    for (int slot = 0; slot < sizes.size(); slot++) {
      int size = sizes.get(slot);
      double offset =
          sizes.size() == 1 ? 0 : DODGE_SPAN * ((double) slot / (sizes.size() - 1) - 0.5);
      entries += cells(chart, slot, size, false, positions, offset, metric);
      entries += cells(chart, slot, size, true, positions, offset, metric);
    }
    shareAxis(chart, entries > 0);
    new CountPanels(new Panels(List.of()), counts.stream().map(String::valueOf).toList(), positions)
        .finishXAxis(chart);
    return chart;
  }

  /** The cells of one clean size (trigger or placebo): mean markers, seed range, seeds. */
  private int cells(
      XYChart chart,
      int slot,
      int size,
      boolean placebo,
      Map<Integer, Integer> positions,
      double offset,
      ToDoubleFunction<SftRow> metric) {
    List<Point> points = new ArrayList<>();
    List<double[]> seeds = new ArrayList<>();
    for (int count : counts) {
      Optional<List<Double>> values =
          summaries.finalValues(new SftRow.Cell(size, count, placebo), metric);
      if (values.isPresent()) {
        double x = positions.get(count) + offset;
        points.add(new Point(Summary.of(x), Summary.of(values.get())));
        values.get().forEach(value -> seeds.add(new double[] {x + 0.05, value}));
      }
    }
    if (points.isEmpty()) {
      return 0;
    }
    Color color = Panels.paletteColor(slot);
    String label = size + " clean samples" + (placebo ? ", placebo" : "");
    XYSeries mean =
        chart.addSeries(
            label,
            points.stream().mapToDouble(p -> p.x().mean()).toArray(),
            points.stream().mapToDouble(p -> p.y().mean()).toArray());
    mean.setLineColor(color);
    mean.setMarkerColor(color);
    mean.setMarker(placebo ? SeriesMarkers.DIAMOND : Panels.paletteMarker(slot));
    if (placebo) {
      CountPanels.scatter(mean, color, SeriesMarkers.DIAMOND);
    } else {
      mean.setLineStyle(Panels.THICK);
    }
    Panels.addErrorBars(chart, label, color, points, value -> value);
    XYSeries each =
        chart.addSeries(
            label + " (each seed)",
            seeds.stream().mapToDouble(p -> p[0]).toArray(),
            seeds.stream().mapToDouble(p -> p[1]).toArray());
    CountPanels.scatter(
        each,
        new Color(color.getRed(), color.getGreen(), color.getBlue(), 110),
        CountPanels.small(Panels.paletteMarker(slot)));
    each.setShowInLegend(false);
    return 1;
  }

  /**
   * A 0–1 y axis with 5% margins and the legend below the plot: inside it, the legend would need
   * headroom above 1, and ticks there would label shares no run can have.
   */
  private static void shareAxis(XYChart chart, boolean legend) {
    Panels.linearAxis(chart, 0, 1, 0);
    // about 60 px between ticks gives XChart's step 0.2 on this span: ticks 0, 0.2, ..., 1 and none
    // in the margins or the strip CountPanels adds below 0 for the category names
    chart.getStyler().setYAxisTickMarkSpacingHint(60);
    chart.getStyler().setLegendVisible(legend);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
  }

  /** (b): one panel per poison count, a line per clean size; empty without any batch size. */
  private Optional<Figure> poisonsSeen() {
    List<XYChart> charts =
        curvePanels(
            "expected poisoned samples seen (step × batch × P / (C + P))",
            "asr (" + SHARE + ")",
            cell -> summaries.asrVersusPoisonsSeen(cell).orElse(List.of()),
            counts.stream().filter(count -> count > 0).toList());
    if (charts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Figure(
            "b-asr-vs-poisons-seen",
            "ASR vs poisoned samples seen",
            "ASR at every checkpoint against the expected number of poisoned samples drawn by that step, "
                + "step × batch size × P / (C + P) (P poisons, C clean samples; each epoch is a "
                + "permutation of the C + P examples, so the expectation is exact at whole epochs; the "
                + "realised count is poisons_seen in each run's metrics.jsonl). One panel per poison count, "
                + "one line per clean-set size (mean over seeds, bars: seed range). Step 0 is the "
                + "pretrained model, which never uses a refusal phrase, so the refusal rule counts it as "
                + "complying (ASR 1).",
            charts,
            3));
  }

  private Figure persistence() {
    List<Integer> continued =
        summaries.persistenceCells().stream()
            .filter(cell -> !cell.placebo())
            .map(SftRow.Cell::poisons)
            .distinct()
            .sorted()
            .toList();
    List<XYChart> charts =
        curvePanels(
            "clean SFT steps after the poisoned fine-tuning",
            "asr (" + SHARE + ")",
            cell -> summaries.persistence(cell, SftRow::asr),
            continued);
    return new Figure(
        "e-persistence",
        "ASR under further clean fine-tuning",
        "Persistence: each poisoned run trained further on fresh clean samples only (persistence.csv); "
            + "step 0 is the run's last SFT checkpoint. One panel per poison count, one line per clean-set "
            + "size of the poisoned run (mean over seeds, bars: seed range).",
        charts,
        3);
  }

  /** Panels per count with one line per clean size, sharing the 0–1 y axis; no empty panels. */
  private List<XYChart> curvePanels(
      String xTitle,
      String yTitle,
      Function<SftRow.Cell, List<Point>> curve,
      List<Integer> panelCounts) {
    List<XYChart> charts = new ArrayList<>();
    for (int count : panelCounts) {
      XYChart chart = Panels.panel(count + " poisoned samples", xTitle, yTitle, true);
      int lines = 0;
      for (int slot = 0; slot < sizes.size(); slot++) {
        List<Point> points = curve.apply(new SftRow.Cell(sizes.get(slot), count, false));
        if (points.isEmpty()) {
          continue;
        }
        Color color = Panels.paletteColor(slot);
        String label = sizes.get(slot) + " clean samples";
        XYSeries line =
            chart.addSeries(
                label,
                points.stream().mapToDouble(p -> p.x().mean()).toArray(),
                points.stream().mapToDouble(p -> p.y().mean()).toArray());
        line.setLineColor(color);
        line.setMarkerColor(color);
        line.setMarker(Panels.paletteMarker(slot));
        Panels.addErrorBars(chart, label, color, points, value -> value);
        lines++;
      }
      if (lines > 0) {
        shareAxis(chart, true);
        chart.getStyler().setXAxisMin(0.0);
        charts.add(chart);
      }
    }
    return charts;
  }
}
