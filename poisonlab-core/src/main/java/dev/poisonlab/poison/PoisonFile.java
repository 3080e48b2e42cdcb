/*
 * Reads a poisons JSONL file (as written by `poisonlab poison`, or made by hand: only "id" and "text" are
 * required) and reports any bad line as FILE:LINE: problem. Ids must be unique: manifests refer to them.
 * Not a writer: poisons are written with io.JsonlWriter.
 */
package dev.poisonlab.poison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.CorpusFiles;
import dev.poisonlab.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

public final class PoisonFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PoisonFile() {}

  public static List<PoisonRecord> read(Path file) {
    List<PoisonRecord> poisons = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long lineNumber = 0;
    try (BufferedReader reader = open(file)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        PoisonRecord poison = parse(file, lineNumber, line);
        if (!ids.add(poison.id())) {
          throw new InputException(file, lineNumber, "duplicate poison id '" + poison.id() + "'");
        }
        poisons.add(poison);
      }
    } catch (CharacterCodingException e) {
      throw new InputException(file, lineNumber + 1, "invalid UTF-8");
    } catch (IOException e) {
      throw new InputException(file, lineNumber, "cannot read: " + e.getMessage(), e);
    }
    return poisons;
  }

  private static PoisonRecord parse(Path file, long lineNumber, String line) {
    try {
      return JSON.readValue(line, PoisonRecord.class);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String problem = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new InputException(file, lineNumber, "not a poison record: " + problem);
    } catch (JsonProcessingException e) {
      throw new InputException(file, lineNumber, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file, 0, "no such file");
    }
    InputStream in = Files.newInputStream(file);
    if (CorpusFiles.isGzip(file)) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }
}
