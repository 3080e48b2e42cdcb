/*
 * The up-front size checks: saturating sizes, a request beyond the disk or the heap is one InputException
 * naming the target, a small one passes; through the CLI, poison --count 1e9 and corpus build --tokens 1000T
 * exit 2 with one line before writing anything.
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityTest {
  @TempDir Path dir;

  @Test
  void sizesSaturateInsteadOfOverflowing() {
    assertEquals(6, Capacity.times(2, 3));
    assertEquals(Long.MAX_VALUE, Capacity.times(1L << 40, 1L << 40));
    assertEquals(Long.MAX_VALUE, Capacity.times(Long.MAX_VALUE, 2));
    assertEquals("512 B", Capacity.human(512));
    assertEquals("1.5 KiB", Capacity.human(1536));
    assertEquals("2.0 PiB", Capacity.human(2L << 50));
  }

  @Test
  void tooMuchForDiskOrHeapNamesTheTarget() {
    Path target = dir.resolve("not/yet/there.jsonl");
    InputException disk =
        assertThrows(
            InputException.class, () -> Capacity.requireDisk(target, Long.MAX_VALUE, "the output"));
    assertEquals(target, disk.file());
    assertTrue(
        disk.getMessage().contains("the output needs at least more than 8 EiB but only"),
        disk.getMessage());
    InputException heap =
        assertThrows(
            InputException.class,
            () -> Capacity.requireHeap(target, Runtime.getRuntime().maxMemory(), "the poisons"));
    assertTrue(heap.getMessage().contains("-Xmx"), heap.getMessage());
    // negative controls: small requests pass
    Capacity.requireDisk(target, 1, "one byte");
    Capacity.requireHeap(target, 1024, "one KiB");
    assertFalse(Files.exists(dir.resolve("not")), "a check creates nothing");
  }

  private int run(StringWriter err, String... args) {
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void hugeCountsAndBudgetsExitTwoWithoutOutput() throws IOException {
    Path corpus = dir.resolve("clean.jsonl");
    Files.writeString(
        corpus, "{\"id\":\"a\",\"text\":\"" + "plain words here. ".repeat(40) + "\"}\n");
    StringWriter err = new StringWriter();
    Path poisons = dir.resolve("p.jsonl");
    assertEquals(
        2,
        run(
            err,
            "poison",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--count",
            "1000000000",
            "--seed",
            "1",
            "--out",
            poisons.toString()));
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(
        err.toString().startsWith("poisonlab: " + poisons + ": --count 1000000000 needs"),
        err.toString());

    StringWriter err2 = new StringWriter();
    Path stream = dir.resolve("stream");
    assertEquals(
        2,
        run(
            err2,
            "corpus",
            "build",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--tokens",
            "1000T",
            "--seed",
            "1",
            "--out",
            stream.toString()));
    assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
    assertTrue(
        err2.toString()
            .contains(
                "a 1,000,000,000,000,000-token stream (--force skips this check) needs at"
                    + " least 1.8 PiB"),
        err2.toString());
    try (var left = Files.list(dir)) {
      assertEquals(
          java.util.List.of("clean.jsonl"),
          left.map(p -> p.getFileName().toString())
              .filter(name -> !name.endsWith(DirectoryLock.LOCK_FILE))
              .toList(),
          "no output, temp or partial files");
    }
  }
}
