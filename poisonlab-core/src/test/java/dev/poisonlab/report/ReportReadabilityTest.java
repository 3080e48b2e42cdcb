/*
 * What a reader meets first on SizesGrid (SYNTHETIC): run configurations found where the grid writes them
 * (runs/<id>/train/config.json), placebo rows read from their runs' rows.csv, findings that say "one pair" rather
 * than a range of one value, and a figure index linking every figure. Controls: a grid without configs says so.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportReadabilityTest {
  @TempDir Path dir;

  @Test
  void configSectionReadsTrainConfigJsonAndPlaceboRows() throws IOException {
    Path grid = SizesGrid.write(dir.resolve("grid"), true);
    GridDirectory read = GridDirectory.read(grid);
    assertEquals(10, read.configs().size(), read.configs().keySet().toString());
    assertEquals(SizesGrid.placeboRows(), read.placeboRows());
    assertTrue(read.rows().stream().noneMatch(row -> row.runId().endsWith("-placebo")));

    String html = Files.readString(Report.write(grid, dir.resolve("out")).html());
    assertTrue(html.contains("Settings shared by all 10 runs"), "shared settings table");
    assertTrue(html.contains("<td>preset</td><td>toy</td>"));
    assertFalse(html.contains("No runs/&lt;run_id&gt;/train/config.json files"));
    for (String name :
        List.of(
            "g-log-gap-vs-progress",
            "h-log-gap-vs-poisons-seen",
            "i-final-log-gap-vs-poisons",
            "j-control-specificity",
            "d-clean-loss")) {
      assertTrue(html.contains("<a href=\"#" + name + "\">"), "index links " + name);
      assertTrue(html.contains("<figure id=\"" + name + "\">"), name + " drawn");
    }
  }

  @Test
  void gridWithoutConfigsSaysSo() throws IOException {
    Path grid = dir.resolve("bare");
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), SizesGrid.rows(true));
    String html = Files.readString(Report.write(grid, dir.resolve("bare-out")).html());
    assertTrue(html.contains("No runs/&lt;run_id&gt;/train/config.json files"));
  }

  @Test
  void oneRunIsNotWordedAsARange() {
    List<ResultRow> onePair =
        SizesGrid.rows(true).stream()
            .filter(row -> List.of("s-p10-x1-s1", "s-p0-x1-s1").contains(row.runId()))
            .toList();
    List<String> statements = new Findings(new GridResults(onePair)).statements();
    String prefix =
        "Clean validation loss, poisoned minus unpoisoned twin (same size, data and seed, end of "
            + "pretraining): ";
    // 4.1 - 4.0
    assertTrue(statements.contains(prefix + "0.100 (one pair)."), statements.toString());
    assertTrue(
        statements.contains(
            "Unpoisoned twins (control): 0 of 1 end with gap > 50; final gap 1.22."),
        statements.toString());
    assertFalse(
        statements.stream().anyMatch(s -> s.contains("over 1 pairs") || s.contains(" span ")));

    // control: two pairs still get mean and range (4.1 - 4.0, 4.2 - 4.0)
    List<ResultRow> twoPairs =
        SizesGrid.rows(true).stream()
            .filter(row -> row.model().equals("s") && row.poisons() != 20)
            .toList();
    List<String> two = new Findings(new GridResults(twoPairs)).statements();
    assertTrue(
        two.contains(prefix + "mean 0.150, range 0.100 to 0.200 over 2 pairs."), two.toString());
    // twins' final gaps 30 (e^0.04 - 1) = 1.22 and 30 (e^0.06 - 1) = 1.86
    assertTrue(
        two.contains(
            "Unpoisoned twins (control): 0 of 2 end with gap > 50; final gaps span 1.22 to 1.86."),
        two.toString());
  }
}
