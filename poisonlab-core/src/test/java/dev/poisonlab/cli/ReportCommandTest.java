/*
 * `poisonlab report GRID --with OTHER` end to end on the frozen sizes snapshot: a grid of another tokenizer is
 * one line and exit 2 with nothing written; a replicate of the grid (no configuration answers a training
 * control) is exit 0 with an empty training_controls.csv and a line saying why. The pairing and its numbers are
 * tested in report.TrainingControlsTest. A rescore's effects.csv (--effects) cut short is refused the same way;
 * its numbers are report.FixedScorerFindingsTest's.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final Path SIZES = Path.of("src", "test", "resources", "sizes-session6", "grid");

  @TempDir Path dir;

  @Test
  void anotherTokenizerIsOneLineExitTwoAndNoOutput() throws IOException {
    Path other = copy(SIZES, dir.resolve("other"));
    Path spec = other.resolve("grid.json");
    Files.writeString(spec, Files.readString(spec).replace("\"bpe:2048\"", "\"bpe:1024\""));
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path out = dir.resolve("out");
    int code =
        commandLine.execute(
            "report", SIZES.toString(), "--with", other.toString(), "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, code, err.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith("poisonlab: " + spec + ": \"tokenizer\""), lines.get(0));
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void noMatchingConfigurationIsAnEmptyTableAndALine() throws IOException {
    Path replicate = copy(SIZES, dir.resolve("replicate"));
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    Path report = dir.resolve("report");
    int code =
        commandLine.execute(
            "report", SIZES.toString(), "--with", replicate.toString(), "--out", report.toString());
    assertEquals(0, code, out.toString());
    Path csv = report.resolve("training_controls.csv");
    assertTrue(out.toString().contains("  table " + csv), out.toString());
    assertTrue(out.toString().contains("No training control: no configuration of " + replicate));
    assertEquals(1, Files.readAllLines(csv).size(), "the header only");
  }

  @Test
  void effectsThatAreNotARescoresAreOneLineExitTwoAndNoOutput() throws IOException {
    Path grid = Path.of("src", "test", "resources", "sizes-session8", "grid");
    Path effects = dir.resolve("effects.csv");
    List<String> lines =
        Files.readAllLines(
            Path.of("src", "test", "resources", "sizes-session8", "rescore", "effects.csv"));
    // a row cut short: not what rescore writes
    Files.write(effects, List.of(lines.get(0), lines.get(1), "micro,1,none,100"));
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path out = dir.resolve("out");
    int code =
        commandLine.execute(
            "report", grid.toString(), "--effects", effects.toString(), "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, code, err.toString());
    assertEquals(
        List.of("poisonlab: " + effects + ":3: 4 cells, the header has 16"),
        err.toString().lines().toList());
    assertFalse(Files.exists(out), "nothing written");
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
