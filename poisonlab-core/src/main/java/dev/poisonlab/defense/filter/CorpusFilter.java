/*
 * Writes a cleaned corpus from a scan: documents flagged by the chosen detectors are dropped, or (mode CUT)
 * only their flagged spans are removed, keeping a clean prefix. Output is JSONL {id, text} (gzipped for .gz),
 * written atomically. Reads flagged.jsonl of a scan directory; keep() is the in-memory call for
 * filter-then-train. It does not rescan.
 */
package dev.poisonlab.defense.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

public final class CorpusFilter {
  private static final ObjectMapper JSON = new ObjectMapper();

  public enum Mode {
    DROP,
    CUT
  }

  public record Result(long read, long kept, long dropped, long cut) {}

  private CorpusFilter() {}

  /** Flagged spans per document id, from DIR/flagged.jsonl, for the given detectors only. */
  public static Map<String, List<int[]>> readFlags(Path scanDirectory, List<String> detectors) {
    Path file = scanDirectory.resolve(ScanOutputs.FLAGGED);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file, 0, "no such file: is " + scanDirectory + " the --out of a scan?");
    }
    Map<String, List<int[]>> spans = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InputException(file, lineNumber, "invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode span = node.path("span");
        if (!node.path("id").isTextual()
            || !node.path("detector").isTextual()
            || span.size() != 2) {
          throw new InputException(file, lineNumber, "expected {id, detector, span: [start, end]}");
        }
        if (detectors.contains(node.get("detector").textValue())) {
          spans
              .computeIfAbsent(node.get("id").textValue(), id -> new ArrayList<>())
              .add(new int[] {span.get(0).asInt(), span.get(1).asInt()});
        }
      }
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    return spans;
  }

  /** The document with its flagged spans applied: empty when dropped. */
  public static Optional<Document> keep(Document document, List<int[]> spans, Mode mode) {
    if (spans == null || spans.isEmpty()) {
      return Optional.of(document);
    }
    if (mode == Mode.DROP) {
      return Optional.empty();
    }
    String text = document.text();
    List<int[]> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(span -> span[0]));
    StringBuilder kept = new StringBuilder();
    int position = 0;
    for (int[] span : sorted) {
      int start = Math.min(Math.max(span[0], position), text.length());
      kept.append(text, position, start);
      position = Math.max(position, Math.min(span[1], text.length()));
    }
    kept.append(text, position, text.length());
    String cleaned = kept.toString().strip();
    return cleaned.isEmpty() ? Optional.empty() : Optional.of(new Document(document.id(), cleaned));
  }

  public static Result filter(
      DocumentSource source, Map<String, List<int[]>> flags, Mode mode, Path out) {
    long[] counts = new long[4];
    try (JsonlWriter writer = new JsonlWriter(out);
        Stream<Document> documents = source.open()) {
      documents.forEach(
          document -> {
            counts[0]++;
            List<int[]> spans = flags.get(document.id());
            Optional<Document> kept = keep(document, spans, mode);
            if (kept.isEmpty()) {
              counts[2]++;
              return;
            }
            counts[1]++;
            if (spans != null) {
              counts[3]++;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", kept.get().id());
            row.put("text", kept.get().text());
            writer.write(row);
          });
      writer.commit();
    }
    return new Result(counts[0], counts[1], counts[2], counts[3]);
  }
}
