/*
 * Atomic output: every file poisonlab writes goes to a temp file in the same directory and is then
 * renamed over the target, so a crash or a bad input never leaves a partial file behind. The temp file is
 * fsynced before the rename and the directory after it, so a power loss cannot publish an empty file.
 * Not a general file utility: only the write-then-rename pattern lives here.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes through {@code body} into a temp file, then renames it to {@code target}. */
  public static void write(Path target, OutputStreamBody body) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(directory);
      temp = createTempBeside(absolute);
      try (OutputStream out = Files.newOutputStream(temp)) {
        body.writeTo(out);
      }
      sync(temp);
      move(temp, absolute);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * A hidden temp file next to {@code target} (same file system, so the final rename is atomic),
   * readable by all like an ordinary output file: Java's createTempFile alone would leave it
   * owner-only (0600).
   */
  public static Path createTempBeside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temp =
        Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return temp;
  }

  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Renames a finished (and synced: {@link #sync}) temp file or directory into place, replacing
   * what was there, then syncs the directory so the rename itself survives a power loss.
   */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Forces a written file's content to the disk (fsync); without it a rename can publish unwritten
   * data.
   */
  public static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Forces a directory's entries (creations, renames) to the disk where the platform allows it:
   * Linux does, some file systems and Windows refuse to open a directory, and then there is nothing
   * more to do.
   */
  public static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort by design: the file itself was synced before the rename
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the original failure is the one worth reporting
    }
  }

  @FunctionalInterface
  public interface OutputStreamBody {
    void writeTo(OutputStream out) throws IOException;
  }
}
