/*
 * The stream build's up-front disk estimate against hand-computed sizes (every output format counted, overflow
 * saturating), a stream larger than the disk refused and an ordinary one passing (negative control). The CLI's
 * one-line exit 2 for `--tokens 1000T` is io.CapacityTest's.
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
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
    assertEquals(
        8_000_000,
        DiskBudget.estimateBytes(
            1_000_000, TokenFile.Dtype.INT32, EnumSet.of(StreamFormat.MEGATRON)));
    assertEquals(
        6_000_000,
        DiskBudget.estimateBytes(
            1_000_000,
            TokenFile.Dtype.UINT16,
            EnumSet.of(StreamFormat.MEGATRON, StreamFormat.PARQUET)));
    assertEquals(
        Long.MAX_VALUE,
        DiskBudget.estimateBytes(Long.MAX_VALUE / 3, TokenFile.Dtype.INT32, Set.of()));
  }

  @Test
  void aStreamLargerThanTheDiskIsRefusedAndAnOrdinaryOneIsNot() throws IOException {
    Path out = dir.resolve("not-yet").resolve("stream");
    long usable = Files.getFileStore(dir).getUsableSpace();
    assertTrue(
        usable > 0 && usable < Long.MAX_VALUE, "the temp file system reports its space: " + usable);
    DiskBudget.require(out, 1_000_000, TokenFile.Dtype.UINT16, Set.of()); // 2 MB: fits
    InputException error =
        assertThrows(
            InputException.class,
            () -> DiskBudget.require(out, usable / 2 + 1, TokenFile.Dtype.UINT16, Set.of()));
    assertTrue(
        error.getMessage().startsWith(out + ": a ") && error.getMessage().contains("--force"),
        error.getMessage());
  }
}
