/*
 * Panels whose x axis is a set of categories (poison counts, or trigger and control strings): each size is a
 * mean marker with a min–max bar and a small marker per seed, sizes side by side within a category, and no line
 * joins the categories, because a handful of counts is not a measured dose-response curve. The twin's level is
 * a dashed horizontal line in the size's colour. Drawing only; the values come from SizeSeries.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import dev.poisonlab.report.SizeSeries.Cell;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

final class CountPanels {
  /** Width of one category that the side-by-side sizes share. */
  private static final double DODGE_SPAN = 0.6;

  /** Share of the y range added below the data for the category names. */
  private static final double LABEL_STRIP = 0.08;

  /**
   * Seed markers at this share of the mean marker's size (XChart 3.8 sizes markers per chart, not
   * per series).
   */
  private static final double SEED_MARKER_SCALE = 0.55;

  private final Panels panels;
  private final List<String> categories;
  private final Map<Integer, Integer> positions;

  /**
   * {@code positions}: a cell's key (count or string index) -> its category index, shown as
   * categories' label.
   */
  CountPanels(Panels panels, List<String> categories, Map<Integer, Integer> positions) {
    this.panels = panels;
    this.categories = List.copyOf(categories);
    this.positions = Map.copyOf(positions);
  }

  /**
   * One size's cells: slot {@code slot} of {@code slots} within each category; y through {@code
   * scale}. Cells whose key has no category, or that hold no value, are skipped.
   */
  void addCells(
      XYChart chart,
      Line line,
      String label,
      List<Cell> cells,
      int slot,
      int slots,
      Marker marker,
      DoubleUnaryOperator scale) {
    // a cell without a value (a control a grid did not measure) is left out, not drawn as zero
    List<Cell> shown =
        cells.stream()
            .filter(cell -> positions.containsKey(cell.key()) && !cell.summary().isEmpty())
            .toList();
    if (shown.isEmpty()) {
      return;
    }
    double offset = slots == 1 ? 0 : DODGE_SPAN * ((double) slot / (slots - 1) - 0.5);
    Color color = panels.color(line);
    double[] x = shown.stream().mapToDouble(cell -> positions.get(cell.key()) + offset).toArray();
    XYSeries mean =
        chart.addSeries(
            label,
            x,
            shown.stream()
                .mapToDouble(cell -> scale.applyAsDouble(cell.summary().mean()))
                .toArray());
    scatter(mean, color, marker);
    Panels.addErrorBars(
        chart,
        label,
        color,
        shown.stream()
            .map(cell -> new Point(Summary.of(positions.get(cell.key()) + offset), cell.summary()))
            .toList(),
        scale);
    double[] seedX =
        shown.stream()
            .flatMap(
                cell ->
                    Arrays.stream(cell.seeds())
                        .mapToObj(value -> positions.get(cell.key()) + offset + 0.06))
            .mapToDouble(Double::doubleValue)
            .toArray();
    double[] seedY =
        shown.stream().flatMapToDouble(cell -> Arrays.stream(cell.seeds())).map(scale).toArray();
    XYSeries seeds = chart.addSeries(label + " (each seed)", seedX, seedY);
    scatter(seeds, panels.faint(line), small(marker));
    seeds.setShowInLegend(false);
  }

  /**
   * The twin's mean as a dashed line across the panel, in the size's colour; nothing when there is
   * no twin.
   */
  void addTwinLevel(
      XYChart chart, Line line, String label, Summary twin, DoubleUnaryOperator scale) {
    if (twin.isEmpty()) {
      return;
    }
    double y = scale.applyAsDouble(twin.mean());
    XYSeries level =
        chart.addSeries(label, new double[] {-0.5, categories.size() - 0.5}, new double[] {y, y});
    level.setLineColor(panels.color(line));
    level.setLineStyle(Panels.DASHED);
    level.setMarker(SeriesMarkers.NONE);
    // the caption says dashed = twin; one legend entry per twin would double the legend and its
    // headroom
    level.setShowInLegend(false);
  }

  /**
   * Categories at integer x, labelled inside the plot just above its bottom edge. XChart 3.8 places
   * numeric ticks itself and, for these half-integer axis ends, labels only the ends; so its tick
   * labels are hidden and each category's name is an annotation. Call after the y axis range is
   * set.
   */
  void finishXAxis(XYChart chart) {
    chart.getStyler().setXAxisMin(-0.5).setXAxisMax(categories.size() - 0.5);
    chart.getStyler().setXAxisTicksVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    double high = chart.getStyler().getYAxisMax();
    // a strip below the data for the names, so they never sit on a zero or threshold line
    double low =
        chart.getStyler().getYAxisMin() - LABEL_STRIP * (high - chart.getStyler().getYAxisMin());
    chart.getStyler().setYAxisMin(low);
    for (int index = 0; index < categories.size(); index++) {
      AnnotationText label =
          new AnnotationText(categories.get(index), index, low + 0.035 * (high - low), false);
      chart.addAnnotation(label);
    }
    chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
  }

  static Marker small(Marker marker) {
    return new Marker() {
      @Override
      public void paint(Graphics2D graphics, double x, double y, int size) {
        marker.paint(graphics, x, y, (int) Math.max(3, Math.round(size * SEED_MARKER_SCALE)));
      }
    };
  }

  static void scatter(XYSeries series, Color color, Marker marker) {
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setLineStyle(SeriesLines.NONE);
    series.setMarker(marker);
    series.setMarkerColor(color);
    series.setLineColor(color);
  }
}
