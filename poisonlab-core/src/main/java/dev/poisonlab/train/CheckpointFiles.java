/*
 * The file-system side of a checkpoint: write one file while hashing it and fsync it, move a checkpoint that
 * failed verification aside (step-N.rejected), delete a directory tree. No checkpoint format here: what the
 * files hold and when they count as good is TrainCheckpoint's and CheckpointIntegrity's.
 */
package dev.poisonlab.train;

import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

final class CheckpointFiles {
  private CheckpointFiles() {}

  /** Writes one file through {@code body}, fsyncs it and returns the SHA-256 of its bytes. */
  static String writeSynced(Path file, AtomicFiles.OutputStreamBody body) throws IOException {
    MessageDigest digest = CheckpointIntegrity.digest();
    try (OutputStream out = CheckpointIntegrity.hashing(Files.newOutputStream(file), digest)) {
      body.writeTo(out);
    }
    AtomicFiles.sync(file);
    return HexFormat.of().formatHex(digest.digest());
  }

  static Path reject(Path directory) {
    Path rejected =
        directory.resolveSibling(directory.getFileName() + TrainCheckpoint.REJECTED_SUFFIX);
    try {
      deleteTree(rejected);
      Files.move(directory, rejected);
      AtomicFiles.syncDirectory(directory.getParent());
      return rejected;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + directory + " aside: " + e.getMessage(), e);
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the hidden entries of {@code directory} (checkpoints whose writing was interrupted).
   */
  static void deleteHidden(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .filter(path -> path.getFileName().toString().startsWith("."))
          .forEach(CheckpointFiles::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
