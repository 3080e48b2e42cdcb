/*
 * What the demo's summary reads from one grid run directory besides results.csv: the trigger's token strings
 * (eval/eval.json's trigger_tokens) and the stream manifest's payload_window_share. Both are read as plain
 * JSON and are null when absent (older evaluations, or a stream built before that field), never guessed.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class DemoRunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoRunFiles() {}

  /**
   * The trigger's token strings under the run's tokenizer, or null when eval.json has no trigger
   * table.
   */
  static List<String> triggerTokens(Path runDirectory) {
    JsonNode table = read(runDirectory.resolve("eval").resolve("eval.json")).path("trigger_tokens");
    for (JsonNode entry : table.path("suffixes")) {
      if ("trigger".equals(entry.path("role").asText())) {
        List<String> tokens = new ArrayList<>();
        entry.path("tokens").forEach(token -> tokens.add(token.asText()));
        return tokens;
      }
    }
    return null;
  }

  /**
   * The run's stream manifest's build.payload_window_share, or null when absent (a twin has no
   * poisons, a stream built without a context has no windows).
   */
  static Double payloadWindowShare(Path runDirectory) {
    JsonNode share =
        read(runDirectory.resolve("stream").resolve("manifest.json"))
            .path("build")
            .path("payload_window_share");
    return share.isNumber() ? share.asDouble() : null;
  }

  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
