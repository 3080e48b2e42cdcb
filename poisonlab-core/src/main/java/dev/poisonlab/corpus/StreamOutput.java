/*
 * The all-or-nothing output directory of a stream build: work happens in a hidden sibling directory that
 * publish() renames onto the target (replacing an old stream only when asked to, and only at the end).
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

final class StreamOutput {
  private StreamOutput() {}

  static Path createWorkDirectory(Path out) {
    try {
      Files.createDirectories(out.getParent());
      Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".partial-");
      // temp directories are created owner-only; a published stream should be readable like any directory
      if (Files.getFileStore(work).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return work;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory next to " + out + ": " + e.getMessage(), e);
    }
  }

  /** Renames {@code work} onto {@code out}; an existing {@code out} is moved aside first and deleted after. */
  static void publish(Path work, Path out) {
    Path old = Files.exists(out) ? out.resolveSibling("." + out.getFileName() + ".old-" + System.nanoTime()) : null;
    try {
      if (old != null) {
        Files.move(out, old);
      }
      try {
        AtomicFiles.move(work, out);
      } catch (IOException e) {
        if (old != null) {
          Files.move(old, out);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + out + ": " + e.getMessage(), e);
    }
    if (old != null) {
      deleteRecursively(old);
    }
  }

  static void copy(Path source, Path target) {
    try {
      Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover cache file in a work directory is removed with the directory
    }
  }

  /** Deletes a directory tree if it exists (after a successful publish the work directory is gone). */
  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.sorted(Comparator.reverseOrder()).forEach(StreamOutput::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory + ": " + e.getMessage(), e);
    }
  }
}
