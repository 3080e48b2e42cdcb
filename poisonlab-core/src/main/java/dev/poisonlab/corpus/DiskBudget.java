/*
 * The up-front disk check of a stream build: what its outputs will take (tokens.bin at 2 or 4 bytes a token,
 * the same again for a Megatron .bin, an upper bound for Parquet shards) against the usable space where the
 * output goes. A typo like `--tokens 1000T` then fails in a second with one line instead of filling the disk
 * for hours. It estimates; it does not reserve, and `--force` skips it.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

final class DiskBudget {
  /** Head room left free, so a build never takes the last bytes other processes need. */
  static final long RESERVE_BYTES = 256L << 20;

  private DiskBudget() {}

  /** Bytes the outputs of a {@code tokens}-token stream will take (held-out file and index files excluded). */
  static long estimateBytes(long tokens, TokenFile.Dtype dtype, Set<StreamFormat> formats) {
    int copies = 1 + (formats.contains(StreamFormat.MEGATRON) ? 1 : 0)
        + (formats.contains(StreamFormat.PARQUET) ? 1 : 0); // Parquet compresses ids; raw size is an upper bound
    try {
      return Math.multiplyExact(Math.multiplyExact(tokens, (long) dtype.bytes), (long) copies);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Fails with one line naming {@code out} when the estimate does not fit the usable space of its file system. */
  static void require(Path out, long tokens, TokenFile.Dtype dtype, Set<StreamFormat> formats) {
    long needed = estimateBytes(tokens, dtype, formats);
    long usable = usableSpace(out);
    if (needed > usable - RESERVE_BYTES) {
      throw new InputException(out, 0, String.format(Locale.ROOT, "a %,d-token stream needs about %s but %s is"
          + " free there; build fewer tokens, free space, or pass --force to build anyway", tokens, size(needed),
          size(Math.max(0, usable))));
    }
  }

  /** Usable bytes of the file system {@code path} will live on (its nearest existing ancestor's). */
  static long usableSpace(Path path) {
    Path existing = path.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return Files.getFileStore(existing == null ? Path.of(".").toAbsolutePath() : existing).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unknown: do not block a build on a file system that cannot say
    }
  }

  private static String size(long bytes) {
    return bytes == Long.MAX_VALUE ? "more than 8 EB" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
