/*
 * Holds a scan's DocumentScans on disk while the corpus-level confirmed verdict is worked out, then replays
 * them in the order they came, so scores.jsonl keeps the input order and memory stays flat whatever the
 * corpus size. Frames of DocumentScanCodec in a temporary file, deleted on close. Not a storage format.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.DocumentScan;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

final class ScanSpool implements AutoCloseable {
  private final Path file;
  private final DataOutputStream out;
  private long count;

  ScanSpool() {
    try {
      file = Files.createTempFile("poisonlab-scan", ".spool");
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the scan", e);
    }
  }

  void add(DocumentScan scan) {
    byte[] frame = DocumentScanCodec.encode(scan);
    try {
      out.writeInt(frame.length);
      out.write(frame);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Hands every scan added, in order, to {@code consumer}; no more adds after this. */
  void replay(Consumer<DocumentScan> consumer) {
    try {
      out.close();
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        for (long i = 0; i < count; i++) {
          byte[] frame = new byte[in.readInt()];
          in.readFully(frame);
          consumer.accept(DocumentScanCodec.decode(frame));
        }
      }
    } catch (EOFException e) {
      throw new IllegalStateException("scan spool " + file + " ended early", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
