/*
 * I/O failures through the CLI: writing under a read-only directory (or, where root may write anyway, under
 * a regular file) is one line naming the path and the cause, exit 2, no trace and no output; --debug adds the
 * trace. The line itself is checked for wrapped failures such as a full disk; other exceptions are not I/O.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFailuresTest {
  @TempDir Path dir;

  private record Outcome(int code, String err) {}

  private Outcome poison(Path out, String... extra) throws IOException {
    Path corpus = dir.resolve("clean.jsonl");
    if (!Files.exists(corpus)) {
      Files.writeString(
          corpus, "{\"id\":\"a\",\"text\":\"" + "plain words here. ".repeat(40) + "\"}\n");
    }
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(
        List.of(
            "poison",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--count",
            "2",
            "--seed",
            "1",
            "--out",
            out.toString()));
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err, true));
    return new Outcome(commandLine.execute(args.toArray(String[]::new)), err.toString());
  }

  private static void assertOneLine(Outcome outcome, Path named, String cause) {
    assertEquals(2, outcome.code(), outcome.err());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("poisonlab: "), outcome.err());
    assertTrue(outcome.err().contains(named.toString()), outcome.err());
    assertTrue(outcome.err().toLowerCase(java.util.Locale.ROOT).contains(cause), outcome.err());
    assertFalse(outcome.err().contains("Exception"), outcome.err());
  }

  @Test
  void aReadOnlyDirectoryIsOneLineAndExitTwo() throws IOException {
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // root may write anyway: the test is then skipped, and the regular-file test shows the
      // handling
      Assumptions.assumeFalse(
          Files.isWritable(readOnly), "running as root: a read-only directory is writable");
      Outcome outcome = poison(readOnly.resolve("p.jsonl"));
      assertOneLine(outcome, readOnly, "permission denied");
      try (var entries = Files.list(readOnly)) {
        assertEquals(0, entries.count(), "no output, no temp file");
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aPathUnderARegularFileIsOneLineAndExitTwoAndDebugAddsTheTrace() throws IOException {
    Path file = Files.writeString(dir.resolve("somefile"), "x");
    Outcome outcome = poison(file.resolve("p.jsonl"));
    assertOneLine(outcome, file, "not a directory");
    assertEquals("x", Files.readString(file));

    Outcome debug = poison(file.resolve("p.jsonl"), "--debug");
    assertEquals(2, debug.code());
    assertTrue(debug.err().contains("\tat "), "--debug prints the trace: " + debug.err());
    assertTrue(
        debug.err().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("poisonlab: "),
        debug.err());
  }

  @Test
  void wrappedFailuresNameThePathAndTheCause() {
    assertEquals(
        "cannot write /x/tokens.bin: No space left on device",
        IoFailures.describe(
            new UncheckedIOException(
                "cannot write /x/tokens.bin: No space left on device",
                new IOException("No space left on device"))));
    assertEquals(
        "cannot write /ro/t.jsonl: /ro/.t.jsonl.1.tmp: permission denied",
        IoFailures.describe(
            new RuntimeException(
                new UncheckedIOException(
                    "cannot write /ro/t.jsonl: /ro/.t.jsonl.1.tmp",
                    new AccessDeniedException("/ro/.t.jsonl.1.tmp")))));
    assertEquals(
        "/d/f: Read-only file system",
        IoFailures.describe(
            new UncheckedIOException(
                new java.nio.file.FileSystemException("/d/f", null, "Read-only file system"))));
    // negative controls: not I/O failures, so Main keeps their stack traces
    assertNull(IoFailures.describe(new IllegalStateException("a bug")));
    assertNull(IoFailures.describe(new RuntimeException(new ArithmeticException())));
  }
}
