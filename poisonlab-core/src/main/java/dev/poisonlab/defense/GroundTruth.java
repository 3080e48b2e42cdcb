/*
 * Which documents are poisons, and by which strategy: read from a poisons JSONL (the `poison` command's
 * output: one object per line with "id" and optionally "strategy", gzip allowed) or from a stream's
 * manifest.json (its poison ids; the strategy is then unknown and reported as "poison"). Bad input is an
 * InputException naming file and line. It only answers questions about ids; it does not read the corpus.
 */
package dev.poisonlab.defense;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.CorpusFiles;
import dev.poisonlab.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

public record GroundTruth(Path source, Map<String, String> strategyById) {
  public static final String UNKNOWN_STRATEGY = "poison";
  private static final ObjectMapper JSON = new ObjectMapper();

  public GroundTruth {
    strategyById = Map.copyOf(strategyById);
  }

  public boolean isPoison(String id) {
    return strategyById.containsKey(id);
  }

  public String strategy(String id) {
    return strategyById.get(id);
  }

  public int size() {
    return strategyById.size();
  }

  public static GroundTruth load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file, 0, "no such file (expected a poisons JSONL or a stream manifest.json)");
    }
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? fromManifest(file) : fromPoisons(file);
  }

  private static GroundTruth fromManifest(Path file) {
    StreamManifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), StreamManifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file, 0, "not a stream manifest: " + firstLine(e.getMessage()));
    }
    Map<String, String> strategies = new LinkedHashMap<>();
    manifest.poisons().forEach(span -> strategies.put(span.id(), UNKNOWN_STRATEGY));
    return new GroundTruth(file, strategies);
  }

  private static GroundTruth fromPoisons(Path file) {
    Map<String, String> strategies = new LinkedHashMap<>();
    try (BufferedReader reader = open(file)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InputException(file, lineNumber, "invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode id = node == null ? null : node.get("id");
        if (id == null || !(id.isTextual() || id.isNumber())) {
          throw new InputException(file, lineNumber, "a poison needs an \"id\" (string or number)");
        }
        JsonNode strategy = node.get("strategy");
        String name =
            strategy != null && strategy.isTextual() ? strategy.textValue() : UNKNOWN_STRATEGY;
        if (strategies.put(id.asText(), name) != null) {
          throw new InputException(file, lineNumber, "duplicate poison id '" + id.asText() + "'");
        }
      }
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    if (strategies.isEmpty()) {
      throw new InputException(file, 0, "holds no poisons");
    }
    return new GroundTruth(file, strategies);
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (CorpusFiles.isGzip(file)) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
