/*
 * The fine-tuning report on a synthetic grid (SyntheticSftGrid): its figures and files, the spread statistic
 * and the expected-poisons-seen formula against hand-computed values, byte-identical reruns, the grid of the
 * code before failure isolation (read from the runs when results.csv is missing too), and bad input that
 * writes nothing. Negative control: a pretraining grid's results.csv is not taken for a fine-tuning grid.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftReportTest {
  @TempDir Path dir;

  @Test
  void drawsEveryFigureAndStatesTheSpreadPerCount() throws Exception {
    Path grid = SyntheticSftGrid.write(dir.resolve("grid"), true);
    ReportResult result = Report.write(grid, dir.resolve("out"));
    assertEquals(
        List.of(
            "a-final-asr-vs-poisons.png",
            "b-asr-vs-poisons-seen.png",
            "c-clean-metrics.png",
            "d-control-asr.png",
            "e-persistence.png"),
        result.pngs().stream().map(p -> p.getFileName().toString()).toList());
    assertEquals(List.of(), result.omitted());
    for (Path file : result.files()) {
      assertTrue(Files.size(file) > 1000, file.toString());
    }
    String html = Files.readString(result.html());
    assertTrue(html.contains("poisonlab fine-tuning report: grid"), "title");
    // 10 poisons: means 0.400 (300 clean) and 0.100 (1000 clean): spread 0.300; 100 poisons: 0
    assertTrue(
        html.contains(
            "10 poisoned samples: mean final ASR 0.400 at 300 clean (n=3), 0.100 at 1000 clean (n=3);"
                + " spread across clean-set sizes (max − min of the means) 0.300."),
        html);
    assertTrue(html.contains("<td>0.400 ± 0.200 (3)</td>"), "mean ± sd (n) of 0.2, 0.4, 0.6");
    assertTrue(html.contains("spread across clean-set sizes (max − min of the means) 0."), html);
    assertTrue(html.contains("Persistence under further clean fine-tuning"));
    assertTrue(html.contains("c3000-p10-s1"), "failures.json shown");
    assertTrue(html.contains("<td>sft.clean_samples</td><td>300, 1000</td>"), "numeric order");

    ReportResult again = Report.write(grid, dir.resolve("again"));
    for (int i = 0; i < result.files().size(); i++) {
      assertArrayEquals(
          Files.readAllBytes(result.files().get(i)),
          Files.readAllBytes(again.files().get(i)),
          result.files().get(i).toString());
    }
  }

  @Test
  void expectedPoisonsSeenIsExactAtWholeEpochs() {
    // 1000 clean + 100 poisons in batches of 16: 1100 / 16 = 68.75 steps per epoch
    assertEquals(
        10 * 16 * 100 / 1100.0, SftSummaries.expectedPoisonsSeen(10, 16, 100, 1000), 1e-12);
    assertEquals(100, SftSummaries.expectedPoisonsSeen(275, 16, 100, 1000) / 4, 1e-9); // 4 epochs
    assertEquals(0, SftSummaries.expectedPoisonsSeen(300, 16, 0, 1000), 0);
  }

  @Test
  void readsTheOldCodesGridAlsoBeforeItsResultsCsvExists() throws Exception {
    Path grid = dir.resolve("old");
    Files.createDirectories(grid);
    String rows;
    try (InputStream in =
        SftReportTest.class.getResourceAsStream("/dev/poisonlab/finetune/old-grid/results.csv")) {
      rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Files.writeString(grid.resolve("results.csv"), rows);
    ReportResult whole = Report.write(grid, dir.resolve("whole"));
    assertEquals(4, whole.rows());
    assertTrue(whole.omitted().stream().anyMatch(note -> note.startsWith("(b)")), "no configs");

    // a running grid of that code has only its finished runs' files: one run finished here
    Files.delete(grid.resolve("results.csv"));
    Path run = grid.resolve("runs/c20-p2-s3");
    Files.createDirectories(run);
    List<String> lines = rows.lines().toList();
    Files.writeString(
        run.resolve("results.csv"),
        lines.get(0) + "\n" + lines.get(3) + "\n" + lines.get(4) + "\n");
    Files.writeString(run.resolve("eval.jsonl"), "{}\n");
    Path unfinished = grid.resolve("runs/c20-p0-s3");
    Files.createDirectories(unfinished); // training, no eval.jsonl yet: left out
    ReportResult partial = Report.write(grid, dir.resolve("partial"));
    assertEquals(2, partial.rows());
    assertTrue(Files.readString(partial.html()).contains("the 1 finished runs"));
  }

  @Test
  void badRowsAreOneLineAndWriteNothing() throws Exception {
    Path grid = SyntheticSftGrid.write(dir.resolve("grid"), false);
    List<String> lines = Files.readAllLines(grid.resolve("results.csv"));
    lines.set(3, lines.get(3).replaceFirst(",0\\.[0-9]{4},", ",1.5000,"));
    Files.write(grid.resolve("results.csv"), lines);
    Path out = dir.resolve("out");
    InputException bad = assertThrows(InputException.class, () -> Report.write(grid, out));
    assertTrue(
        bad.getMessage().startsWith(grid.resolve("results.csv") + ":4: asr is not a share"),
        bad.getMessage());
    assertFalse(Files.exists(out), "no partial output");

    Path twice = SyntheticSftGrid.write(dir.resolve("twice"), false);
    Files.writeString(
        twice.resolve("results.csv"),
        Files.readAllLines(twice.resolve("results.csv")).get(1) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    InputException duplicate = assertThrows(InputException.class, () -> Report.write(twice, out));
    assertTrue(
        duplicate.getMessage().contains("c300-p0-s1 has step 0 twice"), duplicate.getMessage());
    assertFalse(Files.exists(out), "no partial output");
  }

  @Test
  void aPretrainingGridIsNotAFineTuningGrid() throws Exception {
    Path grid = dir.resolve("pretraining");
    Files.createDirectories(grid);
    Files.writeString(grid.resolve("results.csv"), ResultsCsv.HEADER + "\n");
    assertFalse(SftGridDirectory.applies(grid));
    assertTrue(SftGridDirectory.applies(SyntheticSftGrid.write(dir.resolve("sft"), false)));
  }
}
