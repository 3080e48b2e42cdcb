/*
 * The up-front disk check of a stream build: what its outputs will take (tokens.bin at 2 or 4 bytes a token,
 * the same again for a Megatron .bin, an upper bound for Parquet shards) against the usable space where the
 * output goes. A typo like `--tokens 1000T` then fails in a second with one line instead of filling the disk
 * for hours. It estimates (io.Capacity compares); it does not reserve, and `--force` skips it.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.Capacity;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

final class DiskBudget {
  private DiskBudget() {}

  /**
   * Bytes the outputs of a {@code tokens}-token stream will take (held-out file and index files
   * excluded).
   */
  static long estimateBytes(long tokens, TokenFile.Dtype dtype, Set<StreamFormat> formats) {
    int copies =
        1
            + (formats.contains(StreamFormat.MEGATRON) ? 1 : 0)
            + (formats.contains(StreamFormat.PARQUET)
                ? 1
                : 0); // Parquet compresses ids; raw size is an upper bound
    try {
      return Math.multiplyExact(Math.multiplyExact(tokens, (long) dtype.bytes), (long) copies);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Fails with one line naming {@code out} when the estimate does not fit the usable space of its
   * file system.
   */
  static void require(Path out, long tokens, TokenFile.Dtype dtype, Set<StreamFormat> formats) {
    Capacity.requireDisk(
        out,
        estimateBytes(tokens, dtype, formats),
        String.format(Locale.ROOT, "a %,d-token stream (--force skips this check)", tokens));
  }
}
