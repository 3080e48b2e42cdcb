/*
 * Everything that determines a training stream besides the tokenizer: clean corpus, poisons file, budget,
 * seed, held-out split, poison placement, extra formats (and the Parquet shard size), the output directory and
 * the ids a defence dropped, and the training context T the poisons are placed for (0 = unaware: the old
 * placement, so old configs and manifests keep their meaning). Same config -> same bytes.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

public record BuildConfig(
    List<Path> corpus,
    ReadOptions readOptions,
    Path poisons,
    Budget budget,
    long seed,
    HeldoutSplit heldout,
    Placement placement,
    Set<StreamFormat> formats,
    Path out,
    boolean force,
    int threads,
    Path tokenizerFile,
    boolean showProgress,
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
    if (out == null) {
      throw new IllegalArgumentException("out: an output directory is needed");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (parquetShardTokens <= 0) {
      throw new IllegalArgumentException("parquet_shard_tokens must be positive, got " + parquetShardTokens);
    }
    droppedIds = droppedIds == null ? Set.of() : Set.copyOf(droppedIds);
    if (contextTokens < 0) {
      throw new IllegalArgumentException("context must be >= 0 (0 = place poisons unaware of windows), got "
          + contextTokens);
    }
  }

  /** As the canonical form, unaware of the training context (context 0). */
  public BuildConfig(List<Path> corpus, ReadOptions readOptions, Path poisons, Budget budget, long seed,
      HeldoutSplit heldout, Placement placement, Set<StreamFormat> formats, Path out, boolean force, int threads,
      Path tokenizerFile, boolean showProgress, long parquetShardTokens, Set<String> droppedIds) {
    this(corpus, readOptions, poisons, budget, seed, heldout, placement, formats, out, force, threads, tokenizerFile,
        showProgress, parquetShardTokens, droppedIds, 0);
  }

  /**
   * This config placing poisons for training context {@code tokens}: each poison's trigger and payload inside
   * one window [kT, kT+T] where a shift of at most StreamWriter.MAX_DEFERRAL documents allows; 0 = unaware.
   */
  public BuildConfig withContext(int tokens) {
    return new BuildConfig(corpus, readOptions, poisons, budget, seed, heldout, placement, formats, out, force,
        threads, tokenizerFile, showProgress, parquetShardTokens, droppedIds, tokens);
  }

  /**
   * The default Parquet shard size and nothing dropped. {@code droppedIds} (clean documents or poisons a defence
   * filtered out) are never placed in the stream, but the held-out choice still sees the unfiltered corpus and
   * every poison's source, so a filtered build holds out exactly the documents its unfiltered twin does.
   */
  public BuildConfig(List<Path> corpus, ReadOptions readOptions, Path poisons, Budget budget, long seed,
      HeldoutSplit heldout, Placement placement, Set<StreamFormat> formats, Path out, boolean force, int threads,
      Path tokenizerFile, boolean showProgress) {
    this(corpus, readOptions, poisons, budget, seed, heldout, placement, formats, out, force, threads, tokenizerFile,
        showProgress, DEFAULT_PARQUET_SHARD_TOKENS, null, 0);
  }

  /** A config with the defaults: no poisons, default held-out split, uniform placement, tokens.bin only. */
  public static BuildConfig of(List<Path> corpus, Budget budget, long seed, Path out) {
    return new BuildConfig(corpus, null, null, budget, seed, null, null, null, out, false, 1, null, false);
  }
}
