/*
 * AtomicFileWriter publishes exactly what was written on commit() and nothing otherwise: abort(), close() without
 * commit() and a commit() after abort() all leave the directory as it was (no target, no temp file); so does a
 * commit() whose rename fails (the target is a directory), and AtomicFiles.write failing the same way.
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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
      assertArrayEquals(
          new byte[] {9, 9, 9, 9, 9}, Files.readAllBytes(target), "nothing shows before commit");
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

  /**
   * The issue's `poison --out DIR`: the rename onto a directory fails, and must not leave the temp
   * file behind.
   */
  @Test
  void aFailedRenameLeavesNoTempFile() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectories(target.resolve("inside"));
    RawWriter file = new RawWriter(target);
    file.write(new byte[] {1, 2, 3});
    assertEquals(2, entries().size(), "the temp file exists while writing");
    UncheckedIOException error = assertThrows(UncheckedIOException.class, file::commit);
    assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
    file.close();
    assertEquals(List.of(target), entries());
    assertTrue(Files.isDirectory(target.resolve("inside")), "the directory is untouched");

    assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(target, "x"));
    assertEquals(List.of(target), entries());
  }

  /**
   * fsync has no observable effect in a test; what can be checked is that it works on files and
   * directories.
   */
  @Test
  void syncWorksOnFilesAndIsBestEffortOnDirectories() throws IOException {
    Path file = dir.resolve("f");
    AtomicFiles.writeString(file, "synced");
    AtomicFiles.sync(file);
    AtomicFiles.syncDirectory(dir);
    AtomicFiles.syncDirectory(dir.resolve("missing")); // best effort: no exception
    assertEquals("synced", Files.readString(file));
    assertThrows(IOException.class, () -> AtomicFiles.sync(dir.resolve("missing")));
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
