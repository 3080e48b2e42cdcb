/*
 * The series behind the figures across sizes, on SizesGrid (SYNTHETIC round numbers), each against values worked
 * out by hand in the comments: means, per-seed curves, the twin beside the poisoned curve, the twin placed at
 * its sibling's poisons seen, final cells with every seed, relative clean loss, control gaps, the missing
 * model_counts cell and the placebo series. Negative control: without twins there is no twin series.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.GridResults.Point;
import dev.poisonlab.report.SizeSeries.Cell;
import dev.poisonlab.report.SizeSeries.Curves;
import dev.poisonlab.report.SizeSeries.Levels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class SizeSeriesTest {
  private static final double EPS = 1e-9;

  private static SizeSeries series(boolean twins) {
    return new SizeSeries(
        new GridResults(SizesGrid.rows(twins)), new GridResults(SizesGrid.placeboRows()));
  }

  /** A curve as flat (x, y-mean) pairs, so one assertEquals shows the whole series on failure. */
  private static List<Double> xy(List<Point> points) {
    return points.stream()
        .flatMap(point -> List.of(point.x().mean(), point.y().mean()).stream())
        .toList();
  }

  private static void assertSeries(List<Double> expected, List<Double> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int index = 0; index < expected.size(); index++) {
      assertEquals(expected.get(index), actual.get(index), EPS, actual.toString());
    }
  }

  @Test
  void progressPanelsHoldMeanSeedsTwinAndPlacebo() {
    List<Curves> ten = series(true).progress(10);
    assertEquals(List.of("s", "l"), ten.stream().map(curves -> curves.line().model()).toList());
    Curves small = ten.get(0);
    // s at 10: seeds (0.2, 0.6) and (0.4, 1.0) -> mean 0.3 at half, 0.8 at the end
    assertSeries(List.of(0.5, 0.3, 1.0, 0.8), xy(small.mean()));
    assertSeries(List.of(0.5, 0.2, 1.0, 0.6), xy(small.seeds().get(0)));
    assertSeries(List.of(0.5, 0.4, 1.0, 1.0), xy(small.seeds().get(1)));
    // its twins: (0.02, 0.04) and (0.0, 0.06) -> 0.01, 0.05
    assertSeries(List.of(0.5, 0.01, 1.0, 0.05), xy(small.twin()));
    assertTrue(small.placebo().isEmpty(), "no placebo at 10");
    assertSeries(List.of(0.5, 0.2, 1.0, 0.4), xy(ten.get(1).mean()));

    // 20: l did not run it (the missing cell); s's placebo is its own series
    List<Curves> twenty = series(true).progress(20);
    assertEquals(1, twenty.size());
    assertSeries(List.of(0.5, 0.6, 1.0, 2.0), xy(twenty.get(0).mean()));
    assertSeries(List.of(0.5, 0.03, 1.0, 0.05), xy(twenty.get(0).placebo()));
  }

  @Test
  void poisonsSeenPlacesTheTwinAtItsSiblingsCount() {
    Curves small = series(true).poisonsSeen(10).get(0);
    // poisons seen 4 and 6 at half (mean 5), 10 at the end
    assertSeries(List.of(5.0, 0.3, 10.0, 0.8), xy(small.mean()));
    assertSeries(List.of(4.0, 0.2, 10.0, 0.6), xy(small.seeds().get(0)));
    assertSeries(List.of(5.0, 0.01, 10.0, 0.05), xy(small.twin()));
    Curves placebo = series(true).poisonsSeen(20).get(0);
    assertSeries(List.of(10.0, 0.03, 20.0, 0.05), xy(placebo.placebo()));
  }

  @Test
  void finalCellsKeepEverySeedAndTheTwinLevel() {
    List<Levels> finals = series(true).finals(ResultRow::logPplGap);
    Levels small = finals.get(0);
    assertEquals(List.of(10, 20), small.poisoned().stream().map(Cell::key).toList());
    assertEquals(
        List.of(0.6, 1.0), Arrays.stream(small.poisoned().get(0).seeds()).boxed().toList());
    assertEquals(0.8, small.poisoned().get(0).summary().mean(), EPS);
    assertEquals(2.0, small.poisoned().get(1).summary().mean(), EPS);
    assertEquals(1.5, small.poisoned().get(1).summary().min(), EPS);
    assertEquals(0.05, small.twin().mean(), EPS);
    assertEquals(1, small.placebo().size());
    assertEquals(0.05, small.placebo().get(0).summary().mean(), EPS);
    Levels large = finals.get(1);
    assertEquals(
        List.of(10), large.poisoned().stream().map(Cell::key).toList(), "no cell at 20 for l");
    assertEquals(0.01, large.twin().mean(), EPS);
    assertEquals(List.of(10, 20), series(true).counts());
  }

  @Test
  void relativeLossIsPercentOfTheSameSeedTwin() {
    List<Levels> relative = series(true).relativeLoss();
    // s at 10: (4.1 - 4.0) / 4.0 = 2.5%, (4.2 - 4.0) / 4.0 = 5%; at 20: 0 and 0; placebo: 0.04 / 4
    // = 1%
    assertSeries(
        List.of(2.5, 5.0),
        Arrays.stream(relative.get(0).poisoned().get(0).seeds()).boxed().toList());
    assertEquals(0, relative.get(0).poisoned().get(1).summary().max(), EPS);
    assertEquals(1.0, relative.get(0).placebo().get(0).summary().mean(), EPS);
    // l at 10: (3.3 - 3.0) / 3.0 = 10%, 0%
    assertEquals(5.0, relative.get(1).poisoned().get(0).summary().mean(), EPS);
  }

  @Test
  void controlGapsSitBesideTheTrigger() {
    SizeSeries sizes = series(true);
    assertEquals(List.of("<SUD0>", "SUDO"), sizes.controls());
    List<Cell> small = sizes.controlGaps(10).values().iterator().next();
    // trigger 0.8; <SUD0> (0.3 + 0.5) / 2 = 0.4; SUDO 0.1
    assertSeries(
        List.of(0.8, 0.4, 0.1), small.stream().map(cell -> cell.summary().mean()).toList());
    assertEquals(List.of(0, 1, 2), small.stream().map(Cell::key).toList());
    // at 20 nothing measured the controls: empty cells, not zeros
    List<Cell> twenty = sizes.controlGaps(20).values().iterator().next();
    assertEquals(0, twenty.get(1).summary().n());
  }

  @Test
  void withoutTwinsThereIsNoTwinSeriesAndNothingBreaks() {
    SizeSeries sizes = series(false);
    assertTrue(sizes.progress(10).stream().allMatch(curves -> curves.twin().isEmpty()));
    assertTrue(sizes.poisonsSeen(10).stream().allMatch(curves -> curves.twin().isEmpty()));
    assertTrue(
        sizes.finals(ResultRow::logPplGap).stream().allMatch(level -> level.twin().isEmpty()));
    assertTrue(sizes.relativeLoss().stream().allMatch(level -> level.poisoned().isEmpty()));

    List<String> without =
        seriesNames(
            new Figures(
                    new GridResults(SizesGrid.rows(false)),
                    new GridResults(SizesGrid.placeboRows()))
                .all());
    List<String> with =
        seriesNames(
            new Figures(
                    new GridResults(SizesGrid.rows(true)), new GridResults(SizesGrid.placeboRows()))
                .all());
    assertTrue(with.contains("s (1k) twin") && with.contains("s (1k) placebo"), with.toString());
    assertFalse(without.stream().anyMatch(name -> name.endsWith(" twin")), without.toString());
    assertTrue(without.contains("s (1k) placebo"), "the placebo stays without twins");
  }

  @Test
  void theLegendSitsInThePanelThatHoldsEverySize() {
    // s also ran 5 poisons and a placebo at 5, which l did not: the first panel of every per-count
    // figure lacks l, and in (g) its two entries (s, s placebo) tie with the 10 panel's (s, l)
    List<ResultRow> rows = new ArrayList<>(SizesGrid.rows(true));
    SizesGrid.rows(true).stream()
        .filter(row -> row.model().equals("s") && row.poisons() == 10)
        .map(row -> atFivePoisons(row))
        .forEach(rows::add);
    List<ResultRow> placebos = new ArrayList<>(SizesGrid.placeboRows());
    SizesGrid.placeboRows().stream().map(row -> atFivePoisons(row)).forEach(placebos::add);
    List<Figure> figures = new Figures(new GridResults(rows), new GridResults(placebos)).all();
    for (String name :
        List.of("a-gap-vs-progress", "g-log-gap-vs-progress", "j-control-specificity")) {
      List<XYChart> panels =
          figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().panels();
      List<String> withLegend =
          panels.stream()
              .filter(chart -> chart.getStyler().isLegendVisible())
              .map(XYChart::getTitle)
              .toList();
      // one legend, and it names both sizes (before the fix it sat in the 5-poison panel, s alone)
      assertEquals(List.of("10 poisoned documents"), withLegend, name);
    }
  }

  /** A copy of a row as if its run had 5 poisons, poisons seen scaled alike. */
  private static ResultRow atFivePoisons(ResultRow row) {
    return row.toBuilder()
        .runId(row.runId().replace("-p" + row.poisons() + "-", "-p5-"))
        .poisons(5)
        .poisonsAfterDefense(5)
        .poisonsSeen(row.poisonsSeen() * 5 / row.poisons())
        .build();
  }

  private static List<String> seriesNames(List<Figure> figures) {
    return figures.stream()
        .flatMap(figure -> figure.panels().stream())
        .flatMap((XYChart chart) -> chart.getSeriesMap().keySet().stream())
        .distinct()
        .toList();
  }
}
