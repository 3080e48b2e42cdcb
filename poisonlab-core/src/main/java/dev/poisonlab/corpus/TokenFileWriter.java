/*
 * Streams token ids into a TokenFile (uint16 or int32, little-endian) through a temp file that is renamed
 * into place on commit(); close() without commit() (an exception inside try-with-resources) leaves no output.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class TokenFileWriter implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final TokenFile.Dtype dtype;
  private final OutputStream out;
  private long count;
  private boolean finished;

  public TokenFileWriter(Path target, TokenFile.Dtype dtype) {
    this.target = target.toAbsolutePath();
    this.dtype = dtype;
    try {
      this.temp = AtomicFiles.createTempBeside(this.target);
      this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public void write(int tokenId) {
    if (tokenId < 0 || (dtype == TokenFile.Dtype.UINT16 && tokenId > 0xFFFF)) {
      throw new IllegalArgumentException("token id " + tokenId + " does not fit " + dtype.jsonName());
    }
    try {
      out.write(tokenId & 0xFF);
      out.write((tokenId >>> 8) & 0xFF);
      if (dtype == TokenFile.Dtype.INT32) {
        out.write((tokenId >>> 16) & 0xFF);
        out.write((tokenId >>> 24) & 0xFF);
      }
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public void write(int[] tokenIds) {
    for (int id : tokenIds) {
      write(id);
    }
  }

  /** Tokens written so far (= the offset the next token will get). */
  public long count() {
    return count;
  }

  /** Discards everything written; the target is left untouched. */
  public void abort() {
    finished = true;
    try {
      out.close();
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // nothing was published, which is all abort promises
    }
  }

  /** Publishes the file: renames the finished temp file onto the target. */
  public void commit() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      out.close();
      AtomicFiles.move(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
  /** Without a prior commit(), discards the output: an exception inside try-with-resources publishes nothing. */
  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }

}
