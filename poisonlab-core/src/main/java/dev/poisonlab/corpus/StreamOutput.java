/*
 * The all-or-nothing output directory of a stream build: work happens in a hidden sibling directory that
 * publish() fsyncs and renames onto the target (replacing an old stream only when asked to, and only at the
 * end). Work directories of interrupted builds of the same target are removed by the next build.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

final class StreamOutput {
  private StreamOutput() {}

  private static final String PARTIAL = ".partial-";

  /**
   * A new work directory beside {@code out}; call it under the output's lock (it clears stale
   * ones).
   */
  static Path createWorkDirectory(Path out) {
    try {
      Files.createDirectories(out.getParent());
      removeStaleWorkDirectories(out);
      Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + PARTIAL);
      // temp directories are created owner-only; a published stream should be readable like any
      // directory
      if (Files.getFileStore(work).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return work;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a work directory next to " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes .OUT.partial-N directories that killed builds of {@code out} left. Only this output's:
   * the name must be exactly the temp-directory pattern, so .OUT.partial-x.partial-N (another
   * output's) stays.
   */
  static void removeStaleWorkDirectories(Path out) throws IOException {
    Pattern own = Pattern.compile(Pattern.quote("." + out.getFileName() + PARTIAL) + "\\d+");
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      for (Path sibling : siblings.toList()) {
        if (own.matcher(sibling.getFileName().toString()).matches() && Files.isDirectory(sibling)) {
          deleteRecursively(sibling);
        }
      }
    }
  }

  /**
   * Syncs {@code work} (every file, then the directories), renames it onto {@code out}, deletes an
   * old one.
   */
  static void publish(Path work, Path out) {
    syncTree(work);
    Path old =
        Files.exists(out)
            ? out.resolveSibling("." + out.getFileName() + ".old-" + System.nanoTime())
            : null;
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

  /**
   * fsync of every file and directory under {@code root}, deepest first, so the rename publishes
   * only data on disk.
   */
  private static void syncTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(path)) {
          AtomicFiles.sync(path);
        } else if (Files.isDirectory(path)) {
          AtomicFiles.syncDirectory(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync " + root + ": " + e.getMessage(), e);
    }
  }

  static void copy(Path source, Path target) {
    try {
      Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover cache file in a work directory is removed with the directory
    }
  }

  /**
   * Deletes a directory tree if it exists (after a successful publish the work directory is gone).
   */
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
