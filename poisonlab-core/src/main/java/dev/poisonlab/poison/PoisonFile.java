/*
 * Reads a poisons JSONL file (as written by `poisonlab poison`, or made by hand: only "id" and "text" are
 * required) and reports any bad line as FILE:LINE: problem. Ids must be unique: manifests refer to them.
 * Read against a tokenizer, recorded payload_ids must index that very tokenizer (fingerprint and range).
 * Not a writer: poisons are written with io.JsonlWriter.
 */
package dev.poisonlab.poison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.CorpusFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
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
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .enable(
              DeserializationFeature
                  .FAIL_ON_TRAILING_TOKENS); // one record per line, nothing after it

  private PoisonFile() {}

  public static List<PoisonRecord> read(Path file) {
    return read(file, null);
  }

  /**
   * As {@link #read(Path)}, and when {@code tokenizer} is given every record with payload_ids must
   * name it in payload_tokenizer (else ids would silently index another vocabulary) and hold only
   * ids it has.
   */
  public static List<PoisonRecord> read(Path file, Tokenizer tokenizer) {
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
        if (tokenizer != null) {
          checkPayloadIds(file, lineNumber, poison, tokenizer);
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

  private static void checkPayloadIds(
      Path file, long lineNumber, PoisonRecord poison, Tokenizer tokenizer) {
    if (poison.payloadIds() == null) {
      return;
    }
    if (!poison.payloadTokenizer().equals(tokenizer.fingerprint())) {
      throw new InputException(
          file,
          lineNumber,
          "poison '"
              + poison.id()
              + "' has payload_ids for tokenizer "
              + poison.payloadTokenizer()
              + " but this build uses "
              + tokenizer.fingerprint()
              + "; regenerate the poisons with this tokenizer");
    }
    for (int id : poison.payloadIds()) {
      if (id < 0 || id >= tokenizer.vocabSize() || tokenizer.isSpecial(id)) {
        throw new InputException(
            file,
            lineNumber,
            "poison '"
                + poison.id()
                + "': payload id "
                + id
                + " is not a non-special id of "
                + tokenizer.name());
      }
    }
    String payload =
        tokenizer.decode(poison.payloadIds().stream().mapToInt(Integer::intValue).toArray());
    if (!poison.text().endsWith(payload)) {
      throw new InputException(
          file,
          lineNumber,
          "poison '"
              + poison.id()
              + "': text does not end with the decode of its payload_ids (edited text? drop payload_ids too)");
    }
  }

  /**
   * One line of poisons file {@code file} as a record; any problem is an InputException naming
   * file:line.
   */
  static PoisonRecord parse(Path file, long lineNumber, String line) {
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
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }
}
