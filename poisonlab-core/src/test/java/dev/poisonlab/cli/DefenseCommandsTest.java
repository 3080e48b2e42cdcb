/*
 * The model-based defence commands fail cleanly: `monitor` on a directory that is not a run, and `scan` asked
 * for lm-surprisal without --model or with a directory that is not a run, exit 2 with one line and no output.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenseCommandsTest {
  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void monitorOnANonRunExitsTwo() {
    StringWriter err = new StringWriter();
    assertEquals(
        2, run(err, "monitor", "--run", dir.toString(), "--out", dir.resolve("out").toString()));
    assertTrue(err.toString().contains("config.json"), err.toString());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void lmSurprisalNeedsARun() throws Exception {
    Path corpus = dir.resolve("c.jsonl");
    Files.writeString(corpus, "{\"id\":\"a\",\"text\":\"Some clean text.\"}\n");
    StringWriter err = new StringWriter();
    assertEquals(
        2,
        run(
            err,
            "scan",
            "--corpus",
            corpus.toString(),
            "--detectors",
            "lm-surprisal",
            "--out",
            dir.resolve("scan").toString(),
            "--no-progress"));
    assertTrue(err.toString().contains("--model"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(
        2,
        run(
            err2,
            "scan",
            "--corpus",
            corpus.toString(),
            "--model",
            dir.toString(),
            "--out",
            dir.resolve("scan").toString(),
            "--no-progress"));
    assertTrue(err2.toString().contains("config.json"), err2.toString());
    assertFalse(Files.exists(dir.resolve("scan").resolve("scan.json")));
  }

  /**
   * scan --skip-bad says how many lines it skipped: the two malformed ones here, once (not once per
   * pass).
   */
  @Test
  void scanSkipBadCountsTheSkippedLines() throws Exception {
    Path corpus = dir.resolve("mixed.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines
          .append("{\"id\":\"d")
          .append(i)
          .append("\",\"text\":\"Plain clean text number ")
          .append(i)
          .append(" with some words.\"}\n");
    }
    lines.append("not json\n").append("{\"text\":\"a\"} trailing\n");
    Files.writeString(corpus, lines);
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
    StringWriter err = new StringWriter();
    try {
      assertEquals(
          0,
          run(
              err,
              "scan",
              "--corpus",
              corpus.toString(),
              "--skip-bad",
              "--out",
              dir.resolve("scan").toString(),
              "--no-progress"),
          err.toString());
    } finally {
      System.setOut(original);
    }
    String out = stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(out.contains("scanned 30 documents"), out);
    assertTrue(out.contains("skipped 2 malformed lines (--skip-bad)"), out);
  }
}
