/*
 * Turns an I/O failure anywhere in an exception's cause chain (often wrapped as UncheckedIOException by the
 * library's "cannot write PATH: ..." messages) into the one line a user sees: the path and the cause, such as
 * "permission denied" or "No space left on device". Not a handler: Main decides exit codes and traces.
 */
package dev.poisonlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;

final class IoFailures {
  private IoFailures() {}

  /**
   * The line for {@code exception} if it is (or wraps) an I/O failure; null if it is something
   * else.
   */
  static String describe(Throwable exception) {
    IOException io = null;
    UncheckedIOException wrapper = null;
    for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ReadOnlyFileSystemException) {
        return "read-only file system";
      }
      if (t instanceof UncheckedIOException unchecked && wrapper == null) {
        wrapper = unchecked;
      }
      if (t instanceof IOException found) {
        io = found;
        break;
      }
    }
    if (io == null) {
      return null;
    }
    return oneLine(context(wrapper, io) + cause(io));
  }

  /**
   * "cannot write PATH: " from a library wrapper, or "" when the wrapper adds nothing (or there is
   * none).
   */
  private static String context(UncheckedIOException wrapper, IOException io) {
    if (wrapper == null
        || wrapper.getMessage() == null
        || wrapper.getMessage().equals(io.toString())) {
      return "";
    }
    String message = wrapper.getMessage();
    String suffix = ": " + io.getMessage();
    return (message.endsWith(suffix)
            ? message.substring(0, message.length() - suffix.length())
            : message)
        + ": ";
  }

  /**
   * The failing path and the reason: FileSystemException knows both, other IOExceptions their
   * message.
   */
  private static String cause(IOException io) {
    if (!(io instanceof FileSystemException fs)) {
      return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }
    String file =
        fs.getFile() == null
            ? ""
            : fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": ";
    return file + (fs.getReason() != null ? fs.getReason() : kind(fs));
  }

  private static String kind(FileSystemException fs) {
    if (fs instanceof AccessDeniedException) {
      return "permission denied";
    } else if (fs instanceof NoSuchFileException) {
      return "no such file or directory";
    } else if (fs instanceof NotDirectoryException) {
      return "not a directory";
    } else if (fs instanceof FileAlreadyExistsException) {
      // Files.createDirectories on a path whose parent is a regular file ends here
      Path file = fs.getFile() == null ? null : Path.of(fs.getFile());
      return file != null && Files.exists(file) && !Files.isDirectory(file)
          ? "exists and is not a directory"
          : "already exists";
    } else if (fs instanceof DirectoryNotEmptyException) {
      return "is a directory that is not empty";
    }
    return fs.getClass().getSimpleName();
  }

  private static String oneLine(String text) {
    return text.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse(text);
  }
}
