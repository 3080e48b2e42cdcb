/*
 * `poisonlab corpus build`: clean corpus + poisons -> a training-stream directory with an exact poison count.
 * Thin: parses options into a BuildConfig, calls StreamBuilder.build, prints a summary (warnings to stderr).
 */
package dev.poisonlab.cli;

import dev.poisonlab.corpus.Budget;
import dev.poisonlab.corpus.BuildConfig;
import dev.poisonlab.corpus.BuildOptions;
import dev.poisonlab.corpus.HeldoutSplit;
import dev.poisonlab.corpus.Placement;
import dev.poisonlab.corpus.StreamBuilder;
import dev.poisonlab.corpus.StreamFormat;
import dev.poisonlab.corpus.StreamManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "build",
    header =
        "Build a Chinchilla-scaled training stream with an exact number of poisons at logged offsets.",
    mixinStandardHelpOptions = true,
    description = {
      "Tokenize clean documents (each followed by <|endoftext|>), shuffle them by seed, cut the stream at the",
      "budget (params x tokens-per-param x data-multiplier, or --tokens; poisons included) and insert every",
      "poison whole at a position drawn uniformly over the stream, shifted by at most 8 documents so its trigger",
      "and payload share one --context window. Writes tokens.bin, manifest.json, heldout.jsonl."
    })
public final class CorpusBuildCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ProgressOption progressOption;

  @Mixin CorpusOptions corpus;

  @Mixin TokenizerSpec.Option tokenizer;

  @Option(
      names = "--poisons",
      paramLabel = "FILE.jsonl",
      description = "Poisons to insert (from `poison`).")
  Path poisons;

  @Option(
      names = "--params",
      paramLabel = "P",
      description = "Model parameters for a Chinchilla budget (e.g. 1M).")
  String params;

  @Option(
      names = "--tokens",
      paramLabel = "N",
      description = "Explicit budget in tokens (e.g. 20M).")
  String tokens;

  @Option(
      names = "--tokens-per-param",
      defaultValue = "20",
      paramLabel = "X",
      description = "Tokens per parameter (default ${DEFAULT-VALUE}, Chinchilla).")
  double tokensPerParam;

  @Option(
      names = "--data-multiplier",
      defaultValue = "1",
      paramLabel = "M",
      description = "Multiplier on the Chinchilla budget (the paper: 0.5, 1, 2).")
  double dataMultiplier;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output stream directory.")
  Path out;

  @Option(
      names = "--force",
      description =
          "Replace --out if it already holds files, and build even when the"
              + " outputs would not fit the free disk space.")
  boolean force;

  @Option(
      names = "--heldout",
      paramLabel = "N|P%",
      description =
          "Held-out clean documents, never trained on (default: 2%% of documents, at most 500).")
  String heldout;

  @Option(
      names = "--placement",
      defaultValue = "uniform",
      paramLabel = "uniform|batches:F",
      description =
          "uniform (default) or batches:F = all poisons packed into a fraction F of the batches.")
  String placement;

  @Option(
      names = "--batch-tokens",
      defaultValue = "0",
      paramLabel = "T",
      description = "Batch size in tokens (batch_size x context) for --placement batches:F.")
  long batchTokens;

  @Option(
      names = "--context",
      defaultValue = "" + BuildConfig.DEFAULT_CONTEXT,
      paramLabel = "N",
      description = {
        "Training context in tokens: each poison's trigger and payload go inside one window",
        "[kT, kT+T]; default ${DEFAULT-VALUE}, the context of the CPU model presets; 0 = unaware (old placement)."
      })
  int context;

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FMT",
      description = {
        "Extra formats: megatron (Megatron-LM / GPT-NeoX MMIDIDX .bin + .idx), parquet (DIR/parquet/",
        "part-NNNNN.parquet, one row per document; needs the Spark module, which ./poisonlab adds for it)."
      })
  List<String> formats;

  @Option(
      names = "--parquet-shard-tokens",
      paramLabel = "N",
      description =
          "Tokens per Parquet shard before the next one starts (default 50M; documents are never split).")
  String parquetShardTokens;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Tokenizer threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() {
    OptionChecks.require(
        spec, (params == null) != (tokens == null), "give exactly one of --params P or --tokens N");
    TokenizerSpec tokenizerSpec = tokenizer.load(spec);
    BuildConfig config = OptionChecks.settings(spec, () -> config(tokenizerSpec));
    BuildOptions options =
        OptionChecks.settings(
            spec,
            () ->
                new BuildOptions(
                    out,
                    force,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    progressOption.progress()));
    StreamBuilder.Result result = StreamBuilder.build(config, options, tokenizerSpec.tokenizer());
    StreamManifest manifest = result.manifest();
    result
        .warnings()
        .forEach(warning -> spec.commandLine().getErr().println("poisonlab: warning: " + warning));
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %s: %,d tokens (%,d clean, %d poisons in %,d tokens), %.2f epochs, %d held-out documents, %s%n",
            result.out(),
            manifest.totalTokens(),
            manifest.cleanTokens(),
            manifest.poisons().size(),
            manifest.totalTokens() - manifest.cleanTokens(),
            manifest.epochs(),
            manifest.heldoutIds().size(),
            String.join("+", manifest.build().formats()));
    if (manifest.build().payloadWindowShare() != null) {
      spec.commandLine()
          .getOut()
          .printf(
              "payload in its trigger's %d-token window: %.1f%%%n",
              manifest.build().contextTokens(), 100 * manifest.build().payloadWindowShare());
    }
    return 0;
  }

  /**
   * The stream's determining settings from the options; a bad value is an IllegalArgumentException.
   */
  private BuildConfig config(TokenizerSpec tokenizerSpec) {
    Budget budget =
        params != null
            ? Budget.chinchilla(
                Ranges.parseCount("--params", params), tokensPerParam, dataMultiplier)
            : Budget.tokens(Ranges.parseCount("--tokens", tokens));
    Set<StreamFormat> formatSet =
        formats == null
            ? Set.of()
            : formats.stream().map(StreamFormat::parse).collect(Collectors.toSet());
    return BuildConfig.builder()
        .corpus(corpus.paths())
        .budget(budget)
        .seed(seed)
        .optReadOptions(corpus.readOptions())
        .optPoisons(poisons)
        .optHeldout(HeldoutSplit.parse(heldout))
        .optPlacement(Placement.parse(placement, batchTokens))
        .optFormats(formatSet)
        .optTokenizerFile(tokenizerSpec.definitionFile())
        .optParquetShardTokens(
            parquetShardTokens == null
                ? BuildConfig.DEFAULT_PARQUET_SHARD_TOKENS
                : Ranges.parseCount("--parquet-shard-tokens", parquetShardTokens))
        .optContext(context)
        .build();
  }
}
