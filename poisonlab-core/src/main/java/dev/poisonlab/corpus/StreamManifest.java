/*
 * manifest.json of a training stream directory (tokens.bin + manifest.json + tokenizer.json + heldout.jsonl):
 * what the stream holds and exactly where every poison lies. Written by the corpus builder, read by the
 * trainer (poisons seen), evaluation and defences. Field names are snake_case in JSON.
 */
package dev.poisonlab.corpus;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Arrays;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamManifest(
    int formatVersion,
    String tokenizerName,
    String tokenizerSha256,
    int vocabSize,
    String tokenDtype,
    long seed,
    long budgetTokens,
    long totalTokens,
    long cleanTokens,
    double epochs,
    String placement,
    List<PoisonSpan> poisons,
    List<String> heldoutIds,
    BuildInfo build) {

  public static final String TOKENS_FILE = "tokens.bin";
  public static final String MANIFEST_FILE = "manifest.json";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String HELDOUT_FILE = "heldout.jsonl";

  /** Builds a manifest by field name; a hand-made stream's manifest starts without build info. */
  public static StreamManifestBuilder builder() {
    return new StreamManifestBuilder();
  }

  public StreamManifest {
    if (vocabSize <= 0) {
      throw new IllegalArgumentException("vocab_size must be positive, got " + vocabSize);
    }
    if (totalTokens < 0 || cleanTokens < 0 || cleanTokens > totalTokens) {
      throw new IllegalArgumentException(
          "clean_tokens must lie in [0, total_tokens], got " + cleanTokens + " of " + totalTokens);
    }
    poisons = List.copyOf(poisons == null ? List.of() : poisons);
    heldoutIds = List.copyOf(heldoutIds == null ? List.of() : heldoutIds);
    for (int i = 1; i < poisons.size(); i++) {
      if (poisons.get(i).start() < poisons.get(i - 1).end()) {
        throw new IllegalArgumentException(
            "poisons must be sorted and disjoint; entry " + i + " overlaps");
      }
    }
  }

  /**
   * One inserted poison document: its id and its token span [start, end) in tokens.bin; from builds
   * that know them, its trigger and payload token ranges relative to start, and (when the build
   * knew the training context) the share of its payload tokens predicted inside the window that
   * holds its whole trigger.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PoisonSpan(
      String id,
      long start,
      long end,
      Integer triggerStart,
      Integer triggerEnd,
      Integer payloadStart,
      Integer payloadEnd,
      Double payloadWindowShare) {
    public PoisonSpan(String id, long start, long end) {
      this(id, start, end, null, null, null, null, null);
    }

    public PoisonSpan {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException(
            "poison " + id + ": need 0 <= start < end, got [" + start + ", " + end + ")");
      }
      if (payloadEnd != null
          && (triggerStart == null
              || triggerEnd == null
              || payloadStart == null
              || !(0 <= triggerStart
                  && triggerStart <= triggerEnd
                  && triggerEnd <= payloadStart
                  && payloadStart <= payloadEnd
                  && payloadEnd <= end - start))) {
        throw new IllegalArgumentException(
            "poison "
                + id
                + ": need 0 <= trigger_start <= trigger_end <= "
                + "payload_start <= payload_end <= end - start");
      }
    }

    /** True when the trigger and payload ranges are recorded. */
    @JsonIgnore
    public boolean hasOffsets() {
      return payloadEnd != null;
    }
  }

  /**
   * How the corpus builder made the stream. The budget counts all tokens (clean, separators and
   * poisons); clean_tokens = total_tokens minus the poisons' spans (separators count as clean).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BuildInfo(
      String budgetCounts,
      Long params,
      Double tokensPerParam,
      Double dataMultiplier,
      long corpusDocuments,
      long trainingDocuments,
      long corpusTokensPerEpoch,
      long streamDocuments,
      int numPoisonDocs,
      long poisonTokens,
      String poisonsFile,
      String separator,
      List<String> formats,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Shard> shards,
      // the training context T the poisons were placed for (absent: an unaware build, context 0)
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer contextTokens,
      // payload tokens predicted in their trigger's window / all payload tokens, over every poison
      @JsonInclude(JsonInclude.Include.NON_NULL) Double payloadWindowShare) {
    public BuildInfo {
      formats = List.copyOf(formats == null ? List.of() : formats);
      shards = List.copyOf(shards == null ? List.of() : shards);
    }

    /** Builds a BuildInfo by component name instead of by 16 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** BuildInfo's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String budgetCounts;
      private Long params;
      private Double tokensPerParam;
      private Double dataMultiplier;
      private long corpusDocuments;
      private long trainingDocuments;
      private long corpusTokensPerEpoch;
      private long streamDocuments;
      private int numPoisonDocs;
      private long poisonTokens;
      private String poisonsFile;
      private String separator;
      private List<String> formats;
      private List<Shard> shards;
      private Integer contextTokens;
      private Double payloadWindowShare;

      private Builder() {}

      public Builder budgetCounts(String value) {
        this.budgetCounts = value;
        return this;
      }

      public Builder params(Long value) {
        this.params = value;
        return this;
      }

      public Builder tokensPerParam(Double value) {
        this.tokensPerParam = value;
        return this;
      }

      public Builder dataMultiplier(Double value) {
        this.dataMultiplier = value;
        return this;
      }

      public Builder corpusDocuments(long value) {
        this.corpusDocuments = value;
        return this;
      }

      public Builder trainingDocuments(long value) {
        this.trainingDocuments = value;
        return this;
      }

      public Builder corpusTokensPerEpoch(long value) {
        this.corpusTokensPerEpoch = value;
        return this;
      }

      public Builder streamDocuments(long value) {
        this.streamDocuments = value;
        return this;
      }

      public Builder numPoisonDocs(int value) {
        this.numPoisonDocs = value;
        return this;
      }

      public Builder poisonTokens(long value) {
        this.poisonTokens = value;
        return this;
      }

      public Builder poisonsFile(String value) {
        this.poisonsFile = value;
        return this;
      }

      public Builder separator(String value) {
        this.separator = value;
        return this;
      }

      public Builder formats(List<String> value) {
        this.formats = value;
        return this;
      }

      public Builder shards(List<Shard> value) {
        this.shards = value;
        return this;
      }

      public Builder contextTokens(Integer value) {
        this.contextTokens = value;
        return this;
      }

      public Builder payloadWindowShare(Double value) {
        this.payloadWindowShare = value;
        return this;
      }

      public BuildInfo build() {
        return new BuildInfo(
            budgetCounts,
            params,
            tokensPerParam,
            dataMultiplier,
            corpusDocuments,
            trainingDocuments,
            corpusTokensPerEpoch,
            streamDocuments,
            numPoisonDocs,
            poisonTokens,
            poisonsFile,
            separator,
            formats,
            shards,
            contextTokens,
            payloadWindowShare);
      }
    }
  }

  /**
   * One file of a sharded format (Parquet): its path relative to the stream directory and what it
   * holds.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Shard(String file, long documents, long tokens) {}

  @JsonIgnore
  public TokenFile.Dtype dtype() {
    return TokenFile.Dtype.fromJsonName(tokenDtype);
  }

  /**
   * Number of poisons lying wholly before token offset {@code offset} ("poisons seen" after reading
   * it).
   */
  public int poisonsBefore(long offset) {
    long[] ends = poisons.stream().mapToLong(PoisonSpan::end).toArray();
    int index = Arrays.binarySearch(ends, offset);
    // ends are strictly increasing: a hit means that poison ends exactly at offset and counts as
    // seen.
    return index >= 0 ? index + 1 : -index - 1;
  }
}
