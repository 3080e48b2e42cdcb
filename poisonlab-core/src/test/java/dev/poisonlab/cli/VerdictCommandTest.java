/*
 * `poisonlab verdict --grid DIR` end to end on a copy of the committed micro snapshot (which predates per-excerpt
 * files in snapshots: every run is named as lacking them, every configuration is too-few-seeds) and on bad input.
 * The verdict arithmetic itself is tested in eval.ModelVerdictTest and experiment.VerdictsTest.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictCommandTest {
  @TempDir Path dir;

  @Test
  void anOldSnapshotNamesItsMissingExcerptFilesAndJudgesNothing() throws Exception {
    Path snapshot = Path.of("..", "docs", "results", "micro-v1", "grid");
    Path copy = dir.resolve("grid");
    try (Stream<Path> files = Files.walk(snapshot)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(snapshot.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("verdict", "--grid", copy.toString()), out.toString());
    assertTrue(
        out.toString().contains("30 finished runs have no per-excerpt files"), out.toString());
    List<String> csv = Files.readAllLines(copy.resolve("verdicts.csv"));
    assertEquals(1 + 12, csv.size(), "one row per configuration (3 models x 4 counts), no step");
    assertTrue(
        csv.stream().skip(1).allMatch(line -> line.contains(",too-few-seeds,")), csv.toString());
  }

  @Test
  void notAGridIsOneLineAndExitTwo() {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    assertEquals(Main.EXIT_BAD_INPUT, commandLine.execute("verdict", "--grid", dir.toString()));
    assertTrue(
        err.toString().contains("grid.json") && !err.toString().contains("\tat "), err.toString());
  }
}
