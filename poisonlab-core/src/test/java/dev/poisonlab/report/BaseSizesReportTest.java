/*
 * The fine-tuning report with other fine-tuning grids (report SFTGRID --with OTHER): without them it is the same
 * bytes as before (and a later report alone removes an earlier comparison's files); with them it gains
 * base_sizes.csv, figure f and one section, and nothing else changes; with no cell in common, a header and a
 * note. Refused, one line naming the file, nothing written, exit 2: a pretraining grid either way round, no
 * grid, the grid itself or one twice, and another grid whose trigger, steps or SFT settings differ (run by run:
 * a warm-up capped by a cell's length is no difference).
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseSizesReportTest {
  private static final String SECTION = "<h2 id=\"base-sizes\">";
  private static final String FIGURE = "<figure id=\"" + BaseSizeFigure.NAME + "\">";

  @TempDir Path dir;

  @Test
  void otherGridsAddOneTableOneFigureAndOneSection() throws IOException {
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    BaseSizeGrids.finalAsr(other, 1000, 10, 1, 0.9);
    Path alone = dir.resolve("alone");
    Report.write(grid, alone);
    Report.write(grid, dir.resolve("none"), List.of());
    ReportResult with = Report.write(grid, dir.resolve("with"), List.of(other));
    // an empty list is the report without --with, byte for byte
    assertSameFiles(alone, dir.resolve("none"), names(alone));
    Set<String> added = Set.of(BaseSizes.FILE, "f-base-sizes.png", "f-base-sizes.svg");
    Set<String> expected = new TreeSet<>(names(alone));
    expected.addAll(added);
    assertEquals(expected, names(dir.resolve("with")));
    assertEquals(List.of(dir.resolve("with").resolve(BaseSizes.FILE)), with.tables());
    Set<String> unchanged = new TreeSet<>(names(alone));
    unchanged.remove(Report.HTML);
    assertSameFiles(alone, dir.resolve("with"), unchanged);

    // the page is the old page with the section, the figure and its index entry added
    String page = Files.readString(dir.resolve("with").resolve(Report.HTML));
    int start = page.indexOf(SECTION);
    int end = page.indexOf("<h2", start + SECTION.length());
    assertTrue(start > 0 && end > start, "the section");
    String section = page.substring(start, end);
    assertTrue(section.contains("other: 6 cells in both grids (6 here, 6 there)"), section);
    int figure = page.indexOf(FIGURE);
    int figureEnd = page.indexOf("</figure>\n", figure) + "</figure>\n".length();
    String index = " · <a href=\"#f-base-sizes\">(f) Final ASR vs poisons, per base</a>";
    assertTrue(page.contains(index), "linked from the index");
    String without =
        page.substring(0, start) + page.substring(end, figure) + page.substring(figureEnd);
    assertEquals(Files.readString(alone.resolve(Report.HTML)), without.replace(index, ""));

    // the same again gives the same bytes; the grid alone again removes the comparison's files
    Report.write(grid, dir.resolve("again"), List.of(other));
    assertSameFiles(dir.resolve("with"), dir.resolve("again"), names(dir.resolve("with")));
    Report.write(grid, dir.resolve("with"));
    assertEquals(names(alone), names(dir.resolve("with")));
    assertSameFiles(alone, dir.resolve("with"), names(alone));
  }

  @Test
  void gridsWithNoCellInCommonSayThatAndDrawNoFigure() throws IOException {
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    Path results = other.resolve("results.csv");
    Files.writeString(
        results, Files.readString(results).replaceAll("(?m)^([0-9]+),(300|1000),", "$1,$20,"));
    ReportResult result = Report.write(grid, dir.resolve("out"), List.of(other));
    assertTrue(result.omitted().contains(SftReport.NO_BASE_FIGURE), result.omitted().toString());
    assertFalse(Files.exists(dir.resolve("out").resolve(BaseSizeFigure.NAME + ".png")));
    assertEquals(
        String.join(",", BaseSizeCsv.HEADER) + "\n",
        Files.readString(dir.resolve("out").resolve(BaseSizes.FILE)),
        "a header only");
    assertTrue(
        Files.readString(result.html())
            .contains("other: 0 cells in both grids (6 here, 6 there); nothing to compare."));
  }

  @Test
  void aGridWithOtherSettingsIsRefusedNamingItsFile() throws IOException {
    record Change(String file, String from, String to, String named) {}
    List<Change> changes =
        List.of(
            new Change(
                "config",
                "\"learning_rate\" : 0.001",
                "\"learning_rate\" : 0.002",
                "sft.learning_rate"),
            new Change("config", "\"batch_size\" : 16", "\"batch_size\" : 32", "sft.batch_size"),
            new Change(
                "config", "\"warmup_steps\" : 3", "\"warmup_steps\" : 2", "sft.warmup_steps"),
            new Change(
                "config",
                "\"schedule\" : \"COSINE\"",
                "\"schedule\" : \"CONSTANT\"",
                "sft.schedule"),
            new Change(
                "config",
                "\"min_learning_rate_ratio\" : 0.1",
                "\"min_learning_rate_ratio\" : 0.0",
                "sft.min_learning_rate_ratio"),
            new Change("config", "\"eval_items\" : 50", "\"eval_items\" : 20", "sft.eval_items"),
            new Change("config", "\"new_tokens\" : 24", "\"new_tokens\" : 8", "sft.new_tokens"),
            new Change("config", "\"<ABCD>\", ", "", "sft.controls"),
            new Change(
                "config", "\"trigger\" : \"<SUDO>\"", "\"trigger\" : \"<X>\"", "sft.trigger"),
            new Change("results.csv", "\"<SUDO>\"", "\"<ABCD>\"", "trigger"),
            // an epochs rule over another batch size or epoch count ends each cell at another step
            new Change("results.csv", ",\"<SUDO>\",4,", ",\"<SUDO>\",6,", "ends at step [6]"));
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    for (Change change : changes) {
      Path other = BaseSizeGrids.grid(dir.resolve("other-" + changes.indexOf(change)));
      Path file;
      if (change.file().equals("config")) {
        file = BaseSizeGrids.editFirstConfig(other, change.from(), change.to());
      } else {
        file = other.resolve(change.file());
        Files.writeString(file, Files.readString(file).replace(change.from(), change.to()));
      }
      InputException refused = refused(grid, other);
      assertTrue(refused.getMessage().startsWith(file + ": "), refused.getMessage());
      assertTrue(refused.getMessage().contains(change.named()), refused.getMessage());
    }
  }

  /**
   * Cells of other lengths (an epochs rule) cap their warm-up differently (SftConfig): two grids of
   * one spec still agree run by run, and a real difference in one run is still refused.
   */
  @Test
  void runsAreComparedWithTheSameRunSoACappedWarmupIsNoDifference() throws IOException {
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    for (Path each : List.of(grid, other)) {
      // 20 steps keep the default warm-up of 10; the 300-sample cells' 4 steps cap it at 3
      BaseSizeGrids.lengthen(each, 1000, 20);
    }
    assertTrue(
        Files.readString(other.resolve("runs/c1000-p0-s1/config.json"))
            .contains("\"warmup_steps\" : 10"));
    assertTrue(
        Files.readString(other.resolve("runs/c300-p0-s1/config.json"))
            .contains("\"warmup_steps\" : 3"));
    ReportResult result = Report.write(grid, dir.resolve("accepted"), List.of(other));
    assertTrue(Files.readString(result.html()).contains("other: 6 cells in both grids"));

    Path changed = other.resolve("runs/c300-p10-s2/config.json");
    Files.writeString(
        changed,
        Files.readString(changed)
            .replace("\"learning_rate\" : 0.001", "\"learning_rate\" : 0.002"));
    InputException refused = refused(grid, other);
    assertTrue(
        refused.getMessage().startsWith(changed + ": sft.learning_rate"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains(grid.resolve("runs/c300-p10-s2/config.json") + " has 0.001"),
        refused.getMessage());
  }

  @Test
  void aPretrainingGridNoGridTheGridItselfOrOneTwiceIsRefused() throws IOException {
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    Path pretraining = Files.createDirectories(dir.resolve("pretraining"));
    Files.writeString(pretraining.resolve("results.csv"), ResultsCsv.HEADER + "\n");
    assertTrue(
        refused(grid, pretraining)
            .getMessage()
            .startsWith(pretraining.resolve("results.csv") + ": not a fine-tuning grid"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertTrue(refused(grid, empty).getMessage().startsWith(empty + ": not a fine-tuning grid"));
    assertTrue(refused(grid, grid.resolve(".")).getMessage().contains("the report's own grid"));
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    Path out = dir.resolve("out");
    InputException twice =
        assertThrows(
            InputException.class,
            () -> Report.write(grid, out, List.of(other, other.resolve("."))));
    assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
    assertFalse(Files.exists(out), "no partial output");

    // the reverse: a pretraining grid's report takes no fine-tuning grid
    InputException reverse =
        assertThrows(
            InputException.class,
            () -> Report.write(TrainingControlsTest.SIZES, out, List.of(other)));
    assertTrue(
        reverse.getMessage().startsWith(other + ": a fine-tuning grid"), reverse.getMessage());
    assertFalse(Files.exists(out), "no partial output");
  }

  @Test
  void theCliExitsTwoWithOneLine() throws IOException {
    Path grid = BaseSizeGrids.grid(dir.resolve("own"));
    Path pretraining = Files.createDirectories(dir.resolve("pretraining"));
    Files.writeString(pretraining.resolve("results.csv"), ResultsCsv.HEADER + "\n");
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path out = dir.resolve("out");
    assertEquals(
        Main.EXIT_BAD_INPUT,
        commandLine.execute(
            "report", grid.toString(), "--with", pretraining.toString(), "--out", out.toString()));
    assertTrue(
        err.toString().startsWith("poisonlab: " + pretraining.resolve("results.csv") + ": "),
        err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertFalse(Files.exists(out));
  }

  /** The report of {@code grid} with {@code other} fails in one line, and writes nothing. */
  private InputException refused(Path grid, Path other) {
    Path out = dir.resolve("out");
    InputException refused =
        assertThrows(InputException.class, () -> Report.write(grid, out, List.of(other)));
    assertFalse(Files.exists(out), "no partial output");
    assertFalse(refused.getMessage().contains("\n"), "one line");
    return refused;
  }

  private static void assertSameFiles(Path a, Path b, Set<String> names) throws IOException {
    for (String name : names) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
  }

  private static Set<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return new TreeSet<>(files.map(file -> file.getFileName().toString()).toList());
    }
  }
}
