/*
 * One poisoned document as a line of the poisons JSONL file: the text fed to training and how it was made
 * (prefix length in code points, trigger, payload size; for the dos strategy the sampled payload ids and the
 * tokenizer they index), so every poison can be checked, traced and rebuilt token-exactly.
 * Not the stream position: where a poison lands is recorded by the corpus builder's manifest.
 */
package dev.poisonlab.poison;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "id",
  "text",
  "strategy",
  "trigger",
  "source_id",
  "prefix_chars",
  "payload_tokens",
  "payload_chars",
  "seed",
  "placebo",
  "payload_ids",
  "payload_tokenizer"
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
    long seed,
    // a control document: same prefix and payload, no trigger in the text (trigger is then "")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean placebo,
    // the payload's token ids exactly as sampled; the stream appends these, not a re-encoding of
    // the text
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> payloadIds,
    // Tokenizer.fingerprint() of the vocabulary payload_ids index
    @JsonInclude(JsonInclude.Include.NON_NULL) String payloadTokenizer) {

  public PoisonRecord {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must be a non-empty string");
    }
    if (text == null) {
      throw new IllegalArgumentException("text is missing");
    }
    if (prefixChars < 0 || payloadTokens < 0 || payloadChars < 0) {
      throw new IllegalArgumentException(
          "prefix_chars, payload_tokens and payload_chars must be >= 0");
    }
    if (payloadIds != null) {
      payloadIds = List.copyOf(payloadIds);
      if (payloadTokenizer == null || payloadTokenizer.isBlank()) {
        throw new IllegalArgumentException(
            "payload_ids needs payload_tokenizer (the tokenizer they index)");
      }
      if (payloadIds.size() != payloadTokens) {
        throw new IllegalArgumentException(
            "payload_ids holds "
                + payloadIds.size()
                + " ids but payload_tokens is "
                + payloadTokens);
      }
    }
  }

  /**
   * The same poison with other text (e.g. cut by a defence): its payload ids no longer describe it.
   */
  public PoisonRecord withText(String newText) {
    if (newText.equals(text)) {
      return this;
    }
    return toBuilder().text(newText).payloadIds(null).payloadTokenizer(null).build();
  }

  /** Builds a PoisonRecord by component name instead of by 12 positions. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this PoisonRecord's values, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .id(id)
        .text(text)
        .strategy(strategy)
        .trigger(trigger)
        .sourceId(sourceId)
        .prefixChars(prefixChars)
        .payloadTokens(payloadTokens)
        .payloadChars(payloadChars)
        .seed(seed)
        .placebo(placebo)
        .payloadIds(payloadIds)
        .payloadTokenizer(payloadTokenizer);
  }

  /** PoisonRecord's components by name, validated by the constructor in build(). */
  public static final class Builder {
    private String id;
    private String text;
    private String strategy;
    private String trigger;
    private String sourceId;
    private int prefixChars;
    private int payloadTokens;
    private int payloadChars;
    private long seed;
    private boolean placebo;
    private List<Integer> payloadIds;
    private String payloadTokenizer;

    private Builder() {}

    public Builder id(String value) {
      this.id = value;
      return this;
    }

    public Builder text(String value) {
      this.text = value;
      return this;
    }

    public Builder strategy(String value) {
      this.strategy = value;
      return this;
    }

    public Builder trigger(String value) {
      this.trigger = value;
      return this;
    }

    public Builder sourceId(String value) {
      this.sourceId = value;
      return this;
    }

    public Builder prefixChars(int value) {
      this.prefixChars = value;
      return this;
    }

    public Builder payloadTokens(int value) {
      this.payloadTokens = value;
      return this;
    }

    public Builder payloadChars(int value) {
      this.payloadChars = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder placebo(boolean value) {
      this.placebo = value;
      return this;
    }

    public Builder payloadIds(List<Integer> value) {
      this.payloadIds = value;
      return this;
    }

    public Builder payloadTokenizer(String value) {
      this.payloadTokenizer = value;
      return this;
    }

    public PoisonRecord build() {
      return new PoisonRecord(
          id,
          text,
          strategy,
          trigger,
          sourceId,
          prefixChars,
          payloadTokens,
          payloadChars,
          seed,
          placebo,
          payloadIds,
          payloadTokenizer);
    }
  }
}
