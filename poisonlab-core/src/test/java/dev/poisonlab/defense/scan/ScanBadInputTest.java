/*
 * Bad input to scan and filter: one line naming file:line and the problem, exit 2, and no output published.
 * Also the --spark flag without the Spark module on the classpath: a clear message, not a stack trace.
 */
package dev.poisonlab.defense.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanBadInputTest {
  @TempDir Path temp;

  private record Run(int exit, String err) {}

  private Run run(String... args) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    int exit = commandLine.execute(args);
    return new Run(exit, err.toString());
  }

  @Test
  void malformedCorpusLineStopsTheScanWithNoOutput() throws IOException {
    Path corpus = temp.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \n");
    Path out = temp.resolve("out");
    Run run = run("scan", "--corpus", corpus.toString(), "--out", out.toString(), "--no-progress");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("corpus.jsonl:2: invalid JSON"), run.err());
    assertFalse(Files.exists(out.resolve(ScanOutputs.SCORES)), "nothing published");
    assertFalse(Files.exists(out.resolve(ScanOutputs.FLAGGED)), "nothing published");
  }

  @Test
  void missingCorpusAndBadDetectorAreOneLine() {
    Run missing =
        run("scan", "--corpus", temp.resolve("nope.jsonl").toString(), "--out", temp.toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no such file or directory"), missing.err());
    Run unknown =
        run("scan", "--corpus", temp.toString(), "--out", temp.toString(), "--detectors", "magic");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown detector 'magic'"), unknown.err());
  }

  @Test
  void truthFileErrorsNameTheLine() throws IOException {
    Path truth = temp.resolve("poisons.jsonl");
    Files.writeString(truth, "{\"id\": \"p1\"}\n{\"text\": \"no id\"}\n");
    InputException noId = assertThrows(InputException.class, () -> GroundTruth.load(truth));
    assertEquals(2, noId.line());
    Files.writeString(truth, "{\"id\": \"p1\"}\n{\"id\": \"p1\"}\n");
    assertTrue(
        assertThrows(InputException.class, () -> GroundTruth.load(truth))
            .getMessage()
            .contains("duplicate"));
    Path manifest = temp.resolve("manifest.json");
    Files.writeString(manifest, "{\"vocab_size\": 0}");
    assertTrue(
        assertThrows(InputException.class, () -> GroundTruth.load(manifest))
            .getMessage()
            .contains("not a stream manifest"));
  }

  @Test
  void readsPoisonIdsFromAStreamManifest() throws IOException {
    Path manifest = temp.resolve("manifest.json");
    Files.writeString(
        manifest,
        "{\"format_version\": 1, \"vocab_size\": 256, \"total_tokens\": 100,"
            + " \"clean_tokens\": 80, \"poisons\": [{\"id\": \"p1\", \"start\": 0, \"end\": 10},"
            + " {\"id\": \"p2\", \"start\": 50, \"end\": 60}]}");
    GroundTruth truth = GroundTruth.load(manifest);
    assertEquals(2, truth.size());
    assertEquals(GroundTruth.UNKNOWN_STRATEGY, truth.strategy("p2"));
  }

  @Test
  void filterWithoutAScanAndSparkWithoutTheModule() throws IOException {
    Path corpus = temp.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"id\": \"a\", \"text\": \"fine\"}\n");
    Run filter =
        run(
            "filter",
            "--corpus",
            corpus.toString(),
            "--scan",
            temp.resolve("none").toString(),
            "--out",
            temp.resolve("clean.jsonl").toString());
    assertEquals(2, filter.exit());
    assertTrue(filter.err().contains("flagged.jsonl: no such file"), filter.err());
    Run spark =
        run(
            "scan",
            "--corpus",
            corpus.toString(),
            "--out",
            temp.resolve("s").toString(),
            "--spark");
    assertEquals(2, spark.exit());
    assertTrue(spark.err().contains("Spark module not built"), spark.err());
  }
}
