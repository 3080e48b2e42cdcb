/*
 * AtomicFileWriter publishes exactly what was written on commit() and nothing otherwise: abort(), close() without
 * commit() and a commit() after abort() all leave the directory as it was (no target, no temp file).
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir Path dir;

  /** The smallest subclass: raw bytes. */
  static final class RawWriter extends AtomicFileWriter {
    RawWriter(Path target) {
      super(target, 4);
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      counted();
    }
  }

  @Test
  void commitPublishesTheBytesAndReplacesAnOldFile() throws IOException {
    Path target = dir.resolve("out.bin");
    Files.write(target, new byte[] {9, 9, 9, 9, 9});
    try (RawWriter file = new RawWriter(target)) {
      file.write(new byte[] {1, 2, 3, 4, 5, 6});
      file.write(new byte[0]);
      assertEquals(2, file.count());
      assertArrayEquals(new byte[] {9, 9, 9, 9, 9}, Files.readAllBytes(target), "nothing shows before commit");
      file.commit();
      file.commit();
    }
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, Files.readAllBytes(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void abortAndCloseWithoutCommitLeaveNothing() throws IOException {
    Path target = dir.resolve("out.bin");
    try (RawWriter file = new RawWriter(target)) {
      file.write(new byte[] {1, 2, 3});
    }
    RawWriter aborted = new RawWriter(target);
    aborted.write(new byte[] {7});
    aborted.abort();
    aborted.commit();
    assertFalse(Files.exists(target));
    assertEquals(List.of(), entries());
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
