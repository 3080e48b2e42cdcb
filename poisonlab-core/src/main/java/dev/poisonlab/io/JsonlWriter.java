/*
 * Writes one JSON object per line to a file (gzipped when the name ends in .gz), atomically: lines go to a
 * temp file that commit() renames into place; close() without commit() (an exception inside
 * try-with-resources) deletes it, so a failed run publishes nothing.
 */
package dev.poisonlab.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

public final class JsonlWriter implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final Path target;
  private final Path temp;
  private final OutputStream out;
  private long count;
  private boolean finished;

  public JsonlWriter(Path target) {
    this.target = target.toAbsolutePath();
    try {
      this.temp = AtomicFiles.createTempBeside(this.target);
      OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
      this.out = CorpusFiles.isGzip(target) ? new GZIPOutputStream(file, 1 << 16) : file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Appends one value (a record, map or JsonNode) as a single JSON line. */
  public void write(Object value) {
    try {
      JSON.writeValue(out, value);
      out.write('\n');
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public long count() {
    return count;
  }

  public void abort() {
    finished = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // nothing was published
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stray hidden temp file is harmless
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
