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
import java.util.ArrayList;
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

  /** A manifest without build details (older manifests, hand-made streams, tests). */
  public StreamManifest(
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
      List<String> heldoutIds) {
    this(
        formatVersion,
        tokenizerName,
        tokenizerSha256,
        vocabSize,
        tokenDtype,
        seed,
        budgetTokens,
        totalTokens,
        cleanTokens,
        epochs,
        placement,
        poisons,
        heldoutIds,
        null);
  }

  /** What pass 1 counted in the clean corpus, for the manifest's build info. */
  record CorpusCounts(long documents, long trainingDocuments, long tokensPerEpoch) {}

  /**
   * The manifest of a finished build: the budget counts every token, so total = budget and clean =
   * budget minus the poisons' spans; tokens.bin is always written ("nanogpt"), then the extra
   * formats in their order.
   */
  static StreamManifest built(
      BuildConfig config,
      dev.poisonlab.tokenizer.Tokenizer tokenizer,
      TokenFile.Dtype dtype,
      StreamWriter.Layout layout,
      CorpusCounts corpus,
      int poisonCount,
      List<String> heldoutIds,
      List<Shard> shards) {
    long budget = config.budget().totalTokens();
    long poisonTokens = layout.spans().stream().mapToLong(s -> s.end() - s.start()).sum();
    double epochs = (double) layout.cleanTokens() / corpus.tokensPerEpoch();
    return new StreamManifest(
        1,
        tokenizer.name(),
        tokenizer.sha256(),
        tokenizer.vocabSize(),
        dtype.jsonName(),
        config.seed(),
        budget,
        budget,
        budget - poisonTokens,
        epochs,
        config.placement().describe(),
        layout.spans(),
        heldoutIds,
        buildInfo(config, layout, corpus, poisonCount, poisonTokens, shards));
  }

  private static BuildInfo buildInfo(
      BuildConfig config,
      StreamWriter.Layout layout,
      CorpusCounts corpus,
      int poisonCount,
      long poisonTokens,
      List<Shard> shards) {
    Budget b = config.budget();
    boolean chinchilla = b.params() != null;
    List<String> formats = new ArrayList<>(List.of("nanogpt"));
    config.formats().stream().sorted().map(StreamFormat::jsonName).forEach(formats::add);
    int context = config.contextTokens();
    return new BuildInfo(
        "all_tokens",
        b.params(),
        chinchilla ? b.tokensPerParam() : null,
        chinchilla ? b.dataMultiplier() : null,
        corpus.documents(),
        corpus.trainingDocuments(),
        corpus.tokensPerEpoch(),
        layout.streamDocuments(),
        poisonCount,
        poisonTokens,
        config.poisons() == null ? null : config.poisons().toString(),
        "<|endoftext|> after every document",
        formats,
        shards,
        context == 0 ? null : context,
        windowShare(layout.spans(), context));
  }

  /**
   * The manifest's total payload_window_share: null for an unaware build or when no poison has a
   * payload.
   */
  private static Double windowShare(List<PoisonSpan> spans, int context) {
    if (context == 0) {
      return null;
    }
    double share = PoisonWindows.totalShare(spans, context);
    return Double.isNaN(share) ? null : share;
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
    /** Build info of an unaware build (no context, no window share). */
    public BuildInfo(
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
        List<Shard> shards) {
      this(
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
          null,
          null);
    }

    public BuildInfo {
      formats = List.copyOf(formats == null ? List.of() : formats);
      shards = List.copyOf(shards == null ? List.of() : shards);
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
