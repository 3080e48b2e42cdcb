/*
 * Writes one JSON object per line to a file (gzipped when the name ends in .gz), atomically: lines go to a
 * temp file that commit() renames into place; close() without commit() (an exception inside
 * try-with-resources) deletes it, so a failed run publishes nothing (see AtomicFileWriter).
 */
package dev.poisonlab.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

public final class JsonlWriter extends AtomicFileWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  public JsonlWriter(Path target) {
    super(
        target,
        1 << 16,
        file -> CorpusFiles.isGzip(target) ? new GZIPOutputStream(file, 1 << 16) : file);
  }

  /** Appends one value (a record, map or JsonNode) as a single JSON line. */
  public void write(Object value) {
    try {
      JSON.writeValue(out, value);
      out.write('\n');
      counted();
    } catch (IOException e) {
      throw writeFailure(e);
    }
  }
}
