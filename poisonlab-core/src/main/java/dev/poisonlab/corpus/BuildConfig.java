/*
 * Everything that determines a training stream besides the tokenizer: clean corpus, poisons file, budget,
 * seed, held-out split, poison placement, extra formats (and the Parquet shard size), the ids a defence dropped,
 * and the training context T the poisons are placed for (0 = unaware: the old placement, so old configs and
 * manifests keep their meaning). Same config -> same bytes. Where and how fast to build is BuildOptions.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Build one with {@link #builder()}: the canonical constructor's order is not an API. */
public record BuildConfig(
    List<Path> corpus,
    ReadOptions readOptions,
    Path poisons,
    Budget budget,
    long seed,
    HeldoutSplit heldout,
    Placement placement,
    Set<StreamFormat> formats,
    Path tokenizerFile,
    long parquetShardTokens,
    Set<String> droppedIds,
    int contextTokens) {

  /** Parquet shards roll over at this many tokens unless asked otherwise (~200 MB of int32 ids). */
  public static final long DEFAULT_PARQUET_SHARD_TOKENS = 50_000_000L;

  /** The CPU model presets' context (model.ModelPreset, all 256); the CLI's default --context. */
  public static final int DEFAULT_CONTEXT = 256;

  public BuildConfig {
    if (corpus == null || corpus.isEmpty()) {
      throw new IllegalArgumentException("corpus: at least one path is needed");
    }
    corpus = List.copyOf(corpus);
    readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
    if (budget == null) {
      throw new IllegalArgumentException("budget: give params or tokens");
    }
    heldout = heldout == null ? HeldoutSplit.DEFAULT : heldout;
    placement = placement == null ? Placement.uniform() : placement;
    formats = formats == null || formats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(formats));
    if (parquetShardTokens <= 0) {
      throw new IllegalArgumentException(
          "parquet_shard_tokens must be positive, got " + parquetShardTokens);
    }
    droppedIds = droppedIds == null ? Set.of() : Set.copyOf(droppedIds);
    if (contextTokens < 0) {
      throw new IllegalArgumentException(
          "context must be >= 0 (0 = place poisons unaware of windows), got " + contextTokens);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's settings, to change a few. */
  public Builder toBuilder() {
    return builder()
        .corpus(corpus)
        .budget(budget)
        .seed(seed)
        .optReadOptions(readOptions)
        .optPoisons(poisons)
        .optHeldout(heldout)
        .optPlacement(placement)
        .optFormats(formats)
        .optTokenizerFile(tokenizerFile)
        .optParquetShardTokens(parquetShardTokens)
        .optDroppedIds(droppedIds)
        .optContext(contextTokens);
  }

  /**
   * Corpus, budget and seed are required; every opt setting has its default here: default read
   * options, no poisons, the default held-out split, uniform placement, tokens.bin only, no
   * tokenizer file copied, 50M-token Parquet shards, nothing dropped, context 0 (unaware).
   */
  public static final class Builder {
    private List<Path> corpus;
    private Budget budget;
    private Long seed;
    private ReadOptions readOptions = ReadOptions.defaults();
    private Path poisons;
    private HeldoutSplit heldout = HeldoutSplit.DEFAULT;
    private Placement placement = Placement.uniform();
    private Set<StreamFormat> formats = Set.of();
    private Path tokenizerFile;
    private long parquetShardTokens = DEFAULT_PARQUET_SHARD_TOKENS;
    private Set<String> droppedIds = Set.of();
    private int contextTokens;

    private Builder() {}

    public Builder corpus(List<Path> paths) {
      this.corpus = paths;
      return this;
    }

    public Builder budget(Budget tokens) {
      this.budget = tokens;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder optReadOptions(ReadOptions options) {
      this.readOptions = options;
      return this;
    }

    /** The poisons file (from `poison`); null = a clean stream. */
    public Builder optPoisons(Path file) {
      this.poisons = file;
      return this;
    }

    public Builder optHeldout(HeldoutSplit split) {
      this.heldout = split;
      return this;
    }

    public Builder optPlacement(Placement value) {
      this.placement = value;
      return this;
    }

    public Builder optFormats(Set<StreamFormat> extra) {
      this.formats = extra;
      return this;
    }

    /** A tokenizer.json copied into the stream directory; null when the tokenizer is built in. */
    public Builder optTokenizerFile(Path file) {
      this.tokenizerFile = file;
      return this;
    }

    public Builder optParquetShardTokens(long tokens) {
      this.parquetShardTokens = tokens;
      return this;
    }

    /**
     * Clean documents or poisons a defence filtered out: never placed in the stream, but the
     * held-out choice still sees the unfiltered corpus and every poison's source, so a filtered
     * build holds out exactly the documents its unfiltered twin does.
     */
    public Builder optDroppedIds(Set<String> ids) {
      this.droppedIds = ids;
      return this;
    }

    /**
     * Places each poison's trigger and payload inside one window [kT, kT+T] of training context T
     * where a shift of at most StreamWriter.MAX_DEFERRAL documents allows; 0 = unaware.
     */
    public Builder optContext(int tokens) {
      this.contextTokens = tokens;
      return this;
    }

    public BuildConfig build() {
      if (seed == null) {
        throw new IllegalArgumentException("seed: a seed is needed");
      }
      return new BuildConfig(
          corpus,
          readOptions,
          poisons,
          budget,
          seed,
          heldout,
          placement,
          formats,
          tokenizerFile,
          parquetShardTokens,
          droppedIds,
          contextTokens);
    }
  }
}
