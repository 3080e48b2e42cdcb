/*
 * Report.write with other grids (--with) on the frozen sizes and steps snapshots: without them the report is the
 * same bytes as before; with them it gains training_controls.csv and one section, and nothing of theirs reaches
 * this grid's figures or sizes_findings.csv; a grid of another recipe, no grid or one grid named twice is one
 * InputException naming the file, with nothing written. The numbers are TrainingControlsTest's.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingControlsReportTest {
  private static final Path SIZES = TrainingControlsTest.SIZES;
  private static final Path STEPS = TrainingControlsTest.STEPS;
  private static final String SECTION = "<h2 id=\"training-controls\">";

  @TempDir Path dir;

  @Test
  void otherGridsAddOneFileAndOneSectionAndNothingElse() throws IOException {
    Path alone = dir.resolve("alone");
    Path none = dir.resolve("none");
    Path with = dir.resolve("with");
    Report.write(SIZES, alone);
    Report.write(SIZES, none, List.of());
    ReportResult result = Report.write(SIZES, with, List.of(STEPS));
    // an empty list is the report without --with, byte for byte
    assertEquals(names(alone), names(none));
    for (String name : names(alone)) {
      assertArrayEquals(bytes(alone, name), bytes(none, name), name);
    }
    // with the steps grid: the same figures and sizes_findings.csv, the controls' CSV beside them
    Set<String> expected = new TreeSet<>(names(alone));
    expected.add(TrainingControls.FILE);
    assertEquals(expected, names(with));
    assertTrue(result.tables().contains(with.resolve(TrainingControls.FILE)));
    for (String name : names(alone)) {
      if (!name.equals(Report.HTML)) {
        assertArrayEquals(bytes(alone, name), bytes(with, name), name);
      }
    }
    // and the page is the old page with one section added after the F2/F4 section
    String page = Files.readString(with.resolve(Report.HTML));
    int start = page.indexOf(SECTION);
    int end = page.indexOf("<h2", start + SECTION.length());
    assertTrue(start > page.indexOf("<h2 id=\"sizes\">") && end > start, "the section's place");
    String section = page.substring(start, end);
    assertEquals(
        Files.readString(alone.resolve(Report.HTML)),
        page.substring(0, start) + page.substring(end));
    assertTrue(section.contains(HtmlReport.escape(TrainingControls.SAME_TRAINING)), section);
    assertTrue(section.contains("micro (348k, 3.1315× data) at 1000: 2656 steps"), section);
    assertTrue(section.contains("same tokens, other size: 1 differ of 1"), section);
  }

  @Test
  void aReportWithoutOtherGridsRemovesTheTableOfAnEarlierOneWith() throws IOException {
    Path out = dir.resolve("out");
    Report.write(SIZES, out, List.of(STEPS));
    Path table = out.resolve(TrainingControls.FILE);
    assertTrue(Files.exists(table));
    Path notes = Files.writeString(out.resolve("training_controls.txt"), "mine");
    // the grid reported again alone: the old pairs would stay beside report.html, unlinked,
    // and be read as this report's
    ReportResult alone = Report.write(SIZES, out);
    assertFalse(Files.exists(table), "the earlier table is removed");
    assertFalse(alone.tables().contains(table));
    assertEquals("mine", Files.readString(notes), "a file of another name stays");
    assertTrue(Files.exists(out.resolve(SizeFindings.FILE)), "this report's own table stays");
  }

  @Test
  void aGridOfAnotherRecipeIsRefusedNamingItsFile() throws IOException {
    record Change(String file, String from, String to, String named) {}
    String config = "runs/micro-p1000-x3.1315-s2/train/config.json";
    String manifest = "runs/micro-p0-x3.1315-s1/stream/manifest.json";
    List<Change> changes =
        List.of(
            new Change("grid.json", "\"bpe:2048\"", "\"bpe:1024\"", "\"tokenizer\""),
            new Change("grid.json", "\"batch_size\" : 32", "\"batch_size\" : 8", "\"batch_size\""),
            new Change("grid.json", "\"eval_count\" : 300", "\"eval_count\" : 100", "eval_count"),
            new Change(config, "\"bpe-2048\"", "\"bpe-1024\"", "data.tokenizer_name"),
            new Change(config, "\"context_length\" : 256", "\"context_length\" : 128", "context"),
            new Change(manifest, "\"41540c7f", "\"00000000", "tokenizer_sha256"),
            // the optimizer, the model's shape and learning rate, and where the poisons go decide
            // a run's results as much as its tokens do
            new Change(config, "\"weight_decay\" : 0.1", "\"weight_decay\" : 0.0", "weight_decay"),
            new Change(config, "\"embed_dim\" : 64", "\"embed_dim\" : 96", "model.embed_dim"),
            new Change(config, "\"learning_rate\" : 0.002", "\"learning_rate\" : 0.003", "rate"),
            new Change(manifest, "\"uniform\"", "\"front\"", "placement"),
            new Change("recipe.json", "\"version\": 3", "\"version\": 2", "the recipe"));
    for (Change change : changes) {
      Path other =
          TrainingControlsTest.copy(STEPS, dir.resolve("other-" + changes.indexOf(change)));
      Path file = other.resolve(change.file());
      String text = Files.readString(file);
      assertTrue(text.contains(change.from()), change.toString());
      Files.writeString(file, text.replace(change.from(), change.to()));
      InputException refused = refused(other);
      assertTrue(refused.getMessage().startsWith(file + ": "), refused.getMessage());
      assertTrue(refused.getMessage().contains(change.named()), refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"), "one line");
    }
  }

  @Test
  void notAGridNoVerdictsOrTheGridItselfIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertTrue(refused(empty).getMessage().contains(GridDirectory.RESULTS));
    Path noVerdicts = TrainingControlsTest.copy(STEPS, dir.resolve("no-verdicts"));
    Files.delete(noVerdicts.resolve(VerdictFindings.FILE));
    assertTrue(
        refused(noVerdicts)
            .getMessage()
            .startsWith(noVerdicts.resolve(VerdictFindings.FILE) + ": missing"));
    assertTrue(refused(SIZES).getMessage().contains("the report's own grid"));
    // the same grid twice (here spelled two ways) would list each of its pairs twice
    InputException twice =
        assertThrows(
            InputException.class,
            () -> Report.write(SIZES, dir.resolve("out"), List.of(STEPS, STEPS.resolve("."))));
    assertTrue(twice.getMessage().startsWith(STEPS.resolve(".") + ": "), twice.getMessage());
    assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
    assertFalse(Files.exists(dir.resolve("out")), "no partial output");
    Path noSpec = TrainingControlsTest.copy(STEPS, dir.resolve("no-spec"));
    Files.delete(noSpec.resolve(GridDirectory.GRID));
    assertTrue(refused(noSpec).getMessage().startsWith(noSpec.resolve(GridDirectory.GRID) + ":"));
  }

  /** The report of SIZES with {@code other} fails, and its output directory is never made. */
  private InputException refused(Path other) {
    Path out = dir.resolve("out");
    InputException refused =
        assertThrows(InputException.class, () -> Report.write(SIZES, out, List.of(other)));
    assertFalse(Files.exists(out), "no partial output");
    return refused;
  }

  private static Set<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return new TreeSet<>(files.map(file -> file.getFileName().toString()).toList());
    }
  }

  private static byte[] bytes(Path directory, String name) throws IOException {
    return Files.readAllBytes(directory.resolve(name));
  }
}
