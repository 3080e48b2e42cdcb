/*
 * Builds XChart panels in the report's one style: colour by model size (and defence, when a grid has several),
 * dash and marker by data multiplier,
 * mean lines with error bars (min to max across seeds) drawn as separate vertical segments so they stay correct
 * on the symlog axis, a dashed red threshold line, headroom above the data for the legend. It knows nothing
 * about which data a figure shows.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

final class Panels {
  /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
  private static final Color[] COLORS = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)
  };

  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE,
    SeriesMarkers.SQUARE,
    SeriesMarkers.DIAMOND,
    SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN,
    SeriesMarkers.CROSS
  };
  private static final BasicStroke SOLID = new BasicStroke(2f);
  static final BasicStroke THIN = new BasicStroke(0.8f);
  static final BasicStroke THICK = new BasicStroke(2.5f);
  static final BasicStroke DOTTED =
      new BasicStroke(
          2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 4f}, 0f);
  static final BasicStroke DASHED =
      new BasicStroke(
          2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
  private static final Color THRESHOLD = new Color(0xC00000);

  /** Height of a panel's plot area: the panel less title, axis title and tick labels. */
  private static final int PLOT_HEIGHT = Figure.PANEL_HEIGHT - 110;

  private final List<String> colorKeys;
  private final List<Double> multipliers;

  /** The i-th colour of the palette (cycling), for figures whose lines are not model sizes. */
  static Color paletteColor(int index) {
    return COLORS[Math.floorMod(index, COLORS.length)];
  }

  /** The i-th marker (cycling), paired with paletteColor so a line is told apart without colour. */
  static Marker paletteMarker(int index) {
    return MARKERS[Math.floorMod(index, MARKERS.length)];
  }

  Panels(List<Line> lines) {
    this.colorKeys = lines.stream().map(Panels::colorKey).distinct().toList();
    this.multipliers = lines.stream().map(Line::dataMultiplier).distinct().sorted().toList();
  }

  /**
   * Which of a figure's panels shows the legend: the first with the most sizes, then the most
   * legend entries ({@code sizes} and {@code entries} per panel, in panel order). A size that ran
   * only some counts is missing from the other panels (the sizes study's 30 poisons are micro's
   * alone), and a panel of one size and its placebo must not win a tie with two sizes.
   */
  static int legendPanel(List<Integer> sizes, List<Integer> entries) {
    int best = 0;
    for (int panel = 1; panel < sizes.size(); panel++) {
      int bySizes = Integer.compare(sizes.get(panel), sizes.get(best));
      if (bySizes > 0 || (bySizes == 0 && entries.get(panel) > entries.get(best))) {
        best = panel;
      }
    }
    return best;
  }

  static XYChart panel(String title, String xTitle, String yTitle, boolean legend) {
    XYChart chart =
        new XYChartBuilder()
            .width(Figure.PANEL_WIDTH)
            .height(Figure.PANEL_HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    styler.setLegendVisible(legend);
    styler.setLegendPosition(Styler.LegendPosition.InsideNW);
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setAntiAlias(true);
    chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
    chart.getStyler().setAnnotationLineColor(THRESHOLD);
    chart.getStyler().setAnnotationLineStroke(DASHED);
    return chart;
  }

  /** Adds one line (mean across seeds) and its error bars, with y mapped through {@code scale}. */
  void addLine(
      XYChart chart, Line line, String label, List<Point> points, DoubleUnaryOperator scale) {
    if (points.isEmpty()) {
      return;
    }
    Color color = color(line);
    int multiplier = multipliers.indexOf(line.dataMultiplier());
    double[] x = points.stream().mapToDouble(point -> point.x().mean()).toArray();
    double[] y =
        points.stream().mapToDouble(point -> scale.applyAsDouble(point.y().mean())).toArray();
    XYSeries series = chart.addSeries(label, x, y);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(MARKERS[multiplier % MARKERS.length]);
    series.setLineStyle(line.dataMultiplier() == 1.0 || multipliers.size() == 1 ? SOLID : DASHED);
    addErrorBars(chart, label, color, points, scale);
  }

  /**
   * Marker of a line's data multiplier: sizes share a colour across multipliers, so the marker
   * tells them apart.
   */
  Marker marker(Line line) {
    return MARKERS[Math.max(0, multipliers.indexOf(line.dataMultiplier())) % MARKERS.length];
  }

  Color color(Line line) {
    return COLORS[Math.max(0, colorKeys.indexOf(colorKey(line))) % COLORS.length];
  }

  /**
   * A curve in its line's colour with its own stroke and no error bars: a twin, a placebo, one
   * seed.
   */
  void addPlain(
      XYChart chart,
      Line line,
      String label,
      List<Point> points,
      BasicStroke stroke,
      Color color,
      Marker marker,
      boolean legend) {
    if (points.isEmpty()) {
      return;
    }
    XYSeries series =
        chart.addSeries(
            label,
            points.stream().mapToDouble(point -> point.x().mean()).toArray(),
            points.stream().mapToDouble(point -> point.y().mean()).toArray());
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(stroke);
    series.setMarker(marker);
    series.setShowInLegend(legend);
  }

  /** The line's colour made translucent, for per-seed lines under the mean. */
  Color faint(Line line) {
    Color color = color(line);
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), 90);
  }

  /**
   * Undefended lines keep the colour of their model; each defence of a model gets the next colour.
   */
  private static String colorKey(Line line) {
    return line.model() + (line.isDefended() ? "\n" + line.defense() : "");
  }

  /**
   * Vertical segments from the lowest to the highest seed, NaN-separated so XChart breaks the line
   * there.
   */
  static void addErrorBars(
      XYChart chart, String label, Color color, List<Point> points, DoubleUnaryOperator scale) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Point point : points) {
      if (point.y().n() > 1 && point.y().max() > point.y().min()) {
        double at = point.x().mean();
        x.addAll(List.of(at, at, at));
        y.addAll(
            List.of(
                scale.applyAsDouble(point.y().min()),
                scale.applyAsDouble(point.y().max()),
                Double.NaN));
      }
    }
    if (x.isEmpty()) {
      return;
    }
    XYSeries bars = chart.addSeries(label + " (seed range)", x, y);
    bars.setLineColor(color);
    bars.setLineStyle(new BasicStroke(1.5f));
    bars.setMarker(SeriesMarkers.NONE);
    bars.setShowInLegend(false);
  }

  /**
   * Symlog y axis over [low, high] (data units); ticks fall on the integer plotted values 0, ±1,
   * ±2, ±4, ±10, ... (every one when they fit 16 px apart, about a label's height, else every
   * second, ...). {@code legendLines} legend entries get empty room above the data, so the legend
   * (top left) never hides a point.
   */
  static void symlogAxis(XYChart chart, double low, double high, int legendLines) {
    double[] range = range(Symlog.forward(low), Symlog.forward(high), legendLines);
    // whole plotted units at both ends, so XChart's tick grid starts on an anchor
    range = new double[] {Math.floor(range[0]), Math.ceil(range[1])};
    int step = Symlog.tickStep(range[1] - range[0], PLOT_HEIGHT, 16);
    chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
    // XChart spaces ticks at the nice step nearest hint * span / pixels; this hint makes that step
    // exactly `step`
    chart
        .getStyler()
        .setYAxisTickMarkSpacingHint((int) Math.floor(step * PLOT_HEIGHT / (range[1] - range[0])));
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Symlog::tickLabel);
  }

  static void linearAxis(XYChart chart, double low, double high, int legendLines) {
    double[] range =
        high > low
            ? range(low, high, legendLines)
            : range(
                low - Math.max(1e-3, Math.abs(low) * 0.05),
                high + Math.max(1e-3, Math.abs(high) * 0.05),
                legendLines);
    chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
    chart.getStyler().setYAxisDecimalPattern("0.###");
  }

  /** 5% margins, plus headroom for a legend of {@code legendLines} entries (about 20 px each). */
  private static double[] range(double low, double high, int legendLines) {
    double span = high - low;
    double legendShare =
        legendLines == 0 ? 0 : Math.min(0.6, (20.0 * legendLines + 16) / PLOT_HEIGHT);
    double top = high + 0.05 * span + span * legendShare / (1 - legendShare);
    return new double[] {low - 0.05 * span, top};
  }

  /** A horizontal dashed red line at {@code plotted} (already in axis units). */
  static void threshold(XYChart chart, double plotted) {
    chart.addAnnotation(new AnnotationLine(plotted, false, false));
  }
}
