/*
 * The report's filter-then-train section on SYNTHETIC rows (SyntheticGrid's toy-s at 1x, plus made-up defended
 * copies whose filter removed every poison): the table sets each configuration without and with the filter
 * side by side, against the matching twin, the sentence counts what the rows say, and a grid without
 * defences gets no such section.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.Findings.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenseReportTest {
  private static final String SECTION =
      "Filter-then-train: the attack with and without the defence";

  @TempDir Path dir;

  /** toy-s at 1x, pretraining only: 4 poison counts x 3 seeds, undefended. */
  private static List<ResultRow> undefended() {
    return SyntheticGrid.rows().stream()
        .filter(row -> row.model().equals("toy-s") && row.dataMultiplier() == 1 && row.isPretrain())
        .toList();
  }

  /**
   * The same runs behind a filter that dropped every poison and 12 clean documents: no gap beyond
   * the twin's.
   */
  private static ResultRow defended(ResultRow row) {
    double gap = 1.5 * (row.seed() - 1) + (row.poisons() > 0 ? 2 : 0);
    return row.toBuilder()
        .runId(row.runId() + "-dsurprisal")
        .poisonsSeen(0)
        .perplexityWithTrigger(row.perplexityWithoutTrigger() + gap)
        .perplexityGap(gap)
        .gapMedian(gap)
        .shareGapOver50(0)
        .valLoss(row.valLoss() + 0.01)
        .defense("surprisal")
        .poisonsAfterDefense(0)
        .cleanDropped(12)
        .logGaps(LogGaps.NONE)
        .build();
  }

  @Test
  void tableAndSentenceSetTheAttackWithAndWithoutTheFilterSideBySide() throws IOException {
    List<ResultRow> rows = new ArrayList<>(undefended());
    undefended().forEach(row -> rows.add(defended(row)));
    GridResults results = new GridResults(rows);
    DefenseFindings findings = new DefenseFindings(results);

    Table table = findings.table();
    assertEquals(6, table.rows().size(), "3 poison counts x (none, surprisal)");
    List<String> plain100 = table.rows().get(4);
    List<String> filtered100 = table.rows().get(5);
    assertEquals(List.of("toy-s (1M)", "100", "none", "100", "0"), plain100.subList(0, 5));
    assertEquals(List.of("toy-s (1M)", "100", "surprisal", "0", "12"), filtered100.subList(0, 5));
    assertEquals("3/3", plain100.get(6));
    assertEquals("0/3", filtered100.get(6));
    assertEquals(
        Summary.of(2, 2, 2).format(), filtered100.get(8), "gap over the equally filtered twin");

    long aboveWithout = 0;
    for (int poisons : new int[] {25, 50, 100}) {
      for (int seed = 0; seed < SyntheticGrid.SEEDS; seed++) {
        aboveWithout +=
            SyntheticGrid.finalGap(0, poisons, seed) > GridResults.GAP_THRESHOLD ? 1 : 0;
      }
    }
    assertEquals(
        List.of(
            "Filter-then-train (surprisal): 0 of 525 poisons were left in training; 0 of 9 defended "
                + "runs end with gap > 50, against "
                + aboveWithout
                + " of 9 of the same runs without the filter."),
        findings.statements());

    Path grid = dir.resolve("grid");
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), rows);
    String html = Files.readString(Report.write(grid, dir.resolve("out")).html());
    assertTrue(html.contains(SECTION));
    assertTrue(
        html.contains("toy-s (1M, surprisal filter)"),
        "defended runs are their own line in the figures");
  }

  @Test
  void gridsWithoutDefencesHaveNoDefenceSection() throws IOException {
    Path grid = dir.resolve("plain");
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), undefended());
    String html = Files.readString(Report.write(grid, dir.resolve("out")).html());
    assertFalse(html.contains(SECTION));
    assertFalse(html.contains("filter"), "no defence wording anywhere");
    assertFalse(new DefenseFindings(new GridResults(undefended())).applies());
  }
}
