/*
 * The stream build's up-front disk check: the estimate against hand-computed sizes, overflow saturating, and the
 * CLI refusing `--tokens 1000T` with one line, exit 2 and nothing written, while --force skips the check
 * (asserted on the estimate, not by filling a disk) and an ordinary build still passes it (negative control).
 */
package dev.poisonlab.corpus;

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
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskBudgetTest {
  @TempDir Path dir;

  @Test
  void estimateCountsEveryCopyAtTheTokenWidth() {
    assertEquals(2_000_000, DiskBudget.estimateBytes(1_000_000, TokenFile.Dtype.UINT16, Set.of()));
    assertEquals(8_000_000, DiskBudget.estimateBytes(1_000_000, TokenFile.Dtype.INT32,
        EnumSet.of(StreamFormat.MEGATRON)));
    assertEquals(6_000_000, DiskBudget.estimateBytes(1_000_000, TokenFile.Dtype.UINT16,
        EnumSet.of(StreamFormat.MEGATRON, StreamFormat.PARQUET)));
    assertEquals(Long.MAX_VALUE, DiskBudget.estimateBytes(Long.MAX_VALUE / 3, TokenFile.Dtype.INT32, Set.of()));
  }

  @Test
  void aStreamLargerThanTheDiskIsRefusedAndAnOrdinaryOneIsNot() {
    Path out = dir.resolve("not-yet").resolve("stream");
    long usable = DiskBudget.usableSpace(out);
    assertTrue(usable > 0 && usable < Long.MAX_VALUE, "the temp file system reports its space: " + usable);
    DiskBudget.require(out, 1_000_000, TokenFile.Dtype.UINT16, Set.of()); // 2 MB: fits
    InputException error = assertThrows(InputException.class,
        () -> DiskBudget.require(out, usable, TokenFile.Dtype.UINT16, Set.of()));
    assertTrue(error.getMessage().startsWith(out + ": a ") && error.getMessage().contains("--force"),
        error.getMessage());
  }

  @Test
  void corpusBuildWithAnImpossibleBudgetIsOneLineExitTwoAndWritesNothing() throws IOException {
    Path corpus = dir.resolve("clean.jsonl");
    Files.writeString(corpus, "{\"text\":\"one clean document\"}\n{\"text\":\"another clean document\"}\n");
    Path out = dir.resolve("stream");
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute("corpus", "build", "--corpus", corpus.toString(), "--tokenizer", "bytes",
        "--tokens", "1000T", "--seed", "1", "--out", out.toString());
    assertEquals(2, exit, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains("1,000,000,000,000,000-token stream needs about 2000000.0 GB"),
        err.toString());
    assertFalse(Files.exists(out));
    try (var entries = Files.list(dir)) {
      assertEquals(1, entries.count(), "only the corpus: no work directory or lock left behind");
    }
  }
}
