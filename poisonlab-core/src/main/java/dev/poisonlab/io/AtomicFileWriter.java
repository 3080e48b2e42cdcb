/*
 * The base of writers whose output must appear whole or not at all: a buffered stream into a hidden temp file
 * beside the target that commit() renames into place; abort(), or close() without commit() (an exception
 * inside try-with-resources), deletes it. Not a format: subclasses (JsonlWriter, TokenFileWriter) decide
 * what goes into the stream and count what they wrote.
 */
package dev.poisonlab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

public abstract class AtomicFileWriter implements AutoCloseable {
  private final Path target;
  private final Path temp;

  /** The stream subclasses write to; closing it is this class's job (commit, abort or close). */
  protected final OutputStream out;

  private long count;
  private boolean finished;

  /**
   * Opens the temp file; {@code wrap} may layer a stream (e.g. gzip) over the buffered file stream.
   */
  protected AtomicFileWriter(Path target, int bufferSize, StreamWrapper wrap) {
    this.target = target.toAbsolutePath();
    try {
      this.temp = AtomicFiles.createTempBeside(this.target);
      this.out = wrap.wrap(new BufferedOutputStream(Files.newOutputStream(temp), bufferSize));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  protected AtomicFileWriter(Path target, int bufferSize) {
    this(target, bufferSize, stream -> stream);
  }

  /** Subclasses call this once per value (line, token) they finished writing. */
  protected final void counted() {
    count++;
  }

  /** The exception a subclass throws when writing to {@link #out} fails. */
  protected final UncheckedIOException writeFailure(IOException e) {
    return new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
  }

  /**
   * Values written so far: lines of a JsonlWriter, tokens of a TokenFileWriter (= the next token's
   * offset).
   */
  public long count() {
    return count;
  }

  /** Discards everything written; the target is left untouched. */
  public void abort() {
    finished = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // nothing was published, which is all abort promises
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stray hidden temp file is harmless
    }
  }

  /**
   * Publishes the file: syncs the finished temp file and renames it onto the target. Does nothing
   * once finished. If anything fails, the temp file is deleted and the target left untouched.
   */
  public void commit() {
    if (finished) {
      return;
    }
    try {
      out.close();
      AtomicFiles.sync(temp);
      AtomicFiles.move(temp, target);
      finished = true;
    } catch (IOException e) {
      abort();
      throw writeFailure(e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  /**
   * Without a prior commit(), discards the output: an exception inside try-with-resources publishes
   * nothing.
   */
  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }

  @FunctionalInterface
  protected interface StreamWrapper {
    OutputStream wrap(OutputStream file) throws IOException;
  }
}
