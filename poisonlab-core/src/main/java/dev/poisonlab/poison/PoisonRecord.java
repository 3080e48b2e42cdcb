/*
 * One poisoned document as a line of the poisons JSONL file: the text fed to training and how it was made
 * (prefix length in code points, trigger, payload size), so every poison can be checked and traced.
 * Not the stream position: where a poison lands is recorded by the corpus builder's manifest.
 */
package dev.poisonlab.poison;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "id", "text", "strategy", "trigger", "source_id", "prefix_chars", "payload_tokens", "payload_chars", "seed"
})
public record PoisonRecord(
    String id,
    String text,
    String strategy,
    String trigger,
    String sourceId,
    int prefixChars,
    int payloadTokens,
    int payloadChars,
    long seed) {

  public PoisonRecord {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must be a non-empty string");
    }
    if (text == null) {
      throw new IllegalArgumentException("text is missing");
    }
    if (prefixChars < 0 || payloadTokens < 0 || payloadChars < 0) {
      throw new IllegalArgumentException("prefix_chars, payload_tokens and payload_chars must be >= 0");
    }
  }
}
