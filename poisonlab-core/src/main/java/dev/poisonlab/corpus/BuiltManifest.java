/*
 * The manifest of a finished stream build: counts, budget and epochs from the build's layout, and the build
 * info (Chinchilla budget, corpus and poison counts, formats, shards, context and payload window share).
 * StreamBuilder calls it once at the end of a build; the manifest's format itself is StreamManifest.
 */
package dev.poisonlab.corpus;

import java.util.ArrayList;
import java.util.List;

final class BuiltManifest {
  private BuiltManifest() {}

  /** What pass 1 counted in the clean corpus, for the manifest's build info. */
  record CorpusCounts(long documents, long trainingDocuments, long tokensPerEpoch) {}

  /**
   * The manifest of a finished build: the budget counts every token, so total = budget and clean =
   * budget minus the poisons' spans; tokens.bin is always written ("nanogpt"), then the extra
   * formats in their order.
   */
  static StreamManifest of(
      BuildConfig config,
      dev.poisonlab.tokenizer.Tokenizer tokenizer,
      TokenFile.Dtype dtype,
      StreamWriter.Layout layout,
      CorpusCounts corpus,
      int poisonCount,
      List<String> heldoutIds,
      List<StreamManifest.Shard> shards) {
    long budget = config.budget().totalTokens();
    long poisonTokens = layout.spans().stream().mapToLong(s -> s.end() - s.start()).sum();
    double epochs = (double) layout.cleanTokens() / corpus.tokensPerEpoch();
    return StreamManifest.builder()
        .formatVersion(1)
        .tokenizerName(tokenizer.name())
        .tokenizerSha256(tokenizer.sha256())
        .vocabSize(tokenizer.vocabSize())
        .tokenDtype(dtype.jsonName())
        .seed(config.seed())
        .budgetTokens(budget)
        .totalTokens(budget)
        .cleanTokens(budget - poisonTokens)
        .epochs(epochs)
        .placement(config.placement().describe())
        .poisons(layout.spans())
        .heldoutIds(heldoutIds)
        .buildInfo(buildInfo(config, layout, corpus, poisonCount, poisonTokens, shards))
        .build();
  }

  private static StreamManifest.BuildInfo buildInfo(
      BuildConfig config,
      StreamWriter.Layout layout,
      CorpusCounts corpus,
      int poisonCount,
      long poisonTokens,
      List<StreamManifest.Shard> shards) {
    Budget b = config.budget();
    boolean chinchilla = b.params() != null;
    List<String> formats = new ArrayList<>(List.of("nanogpt"));
    config.formats().stream().sorted().map(StreamFormat::jsonName).forEach(formats::add);
    int context = config.contextTokens();
    return StreamManifest.BuildInfo.builder()
        .budgetCounts("all_tokens")
        .params(b.params())
        .tokensPerParam(chinchilla ? b.tokensPerParam() : null)
        .dataMultiplier(chinchilla ? b.dataMultiplier() : null)
        .corpusDocuments(corpus.documents())
        .trainingDocuments(corpus.trainingDocuments())
        .corpusTokensPerEpoch(corpus.tokensPerEpoch())
        .streamDocuments(layout.streamDocuments())
        .numPoisonDocs(poisonCount)
        .poisonTokens(poisonTokens)
        .poisonsFile(config.poisons() == null ? null : config.poisons().toString())
        .separator("<|endoftext|> after every document")
        .formats(formats)
        .shards(shards)
        .contextTokens(context == 0 ? null : context)
        .payloadWindowShare(windowShare(layout.spans(), context))
        .build();
  }

  /**
   * The manifest's total payload_window_share: null for an unaware build or when no poison has a
   * payload.
   */
  private static Double windowShare(List<StreamManifest.PoisonSpan> spans, int context) {
    if (context == 0) {
      return null;
    }
    double share = PoisonWindows.totalShare(spans, context);
    return Double.isNaN(share) ? null : share;
  }
}
