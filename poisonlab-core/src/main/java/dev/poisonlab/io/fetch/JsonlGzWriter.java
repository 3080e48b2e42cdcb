/*
 * Writes documents as gzipped JSONL, one {"id": ..., "text": ...} object per line, atomically.
 * The separators match the reference corpus (Python json.dumps with ensure_ascii=False), so unchanged
 * documents produce identical lines. Not a reader: io.CorpusReader reads these files.
 */
package dev.poisonlab.io.fetch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.Document;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

final class JsonlGzWriter {
  private JsonlGzWriter() {}

  /** Writes all documents to {@code target} and returns the compressed size in bytes. */
  static long write(Path target, List<Document> documents) throws java.io.IOException {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    AtomicFiles.write(
        target,
        out -> {
          GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
          for (Document document : documents) {
            writer.write("{\"id\": \"");
            writer.write(encoder.quoteAsString(document.id()));
            writer.write("\", \"text\": \"");
            writer.write(encoder.quoteAsString(document.text()));
            writer.write("\"}\n");
          }
          writer.flush();
          gzip.finish();
        });
    return Files.size(target);
  }
}
