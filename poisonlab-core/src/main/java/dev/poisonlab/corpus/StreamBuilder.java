/*
 * `corpus build`: clean corpus + poisons -> a training-stream directory (tokens.bin, manifest.json,
 * heldout.jsonl, tokenizer.json when the tokenizer is a file, and the extra formats asked for; formats outside
 * the core come from StreamSinkProviders, looked up before any work). Everything is written into a hidden sibling
 * directory that is renamed into place only at the very end, so bad input or a crash leaves no partial output;
 * a hidden sibling lock file (.NAME.lock) keeps a second build of the same output out meanwhile.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.Capacity;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.poison.PoisonFile;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;

public final class StreamBuilder {
  public static final double EPOCH_WARNING = 4.0;
  static final String CACHE_FILE = ".corpus-cache.bin";

  private StreamBuilder() {}

  /** What `corpus build` reports: the manifest plus facts worth printing. */
  public record Result(Path out, StreamManifest manifest, int windowMisses, List<String> warnings) {}

  public static Result build(BuildConfig config, Tokenizer tokenizer) {
    Path out = config.out().toAbsolutePath().normalize();
    List<StreamSinkProvider> providers = config.formats().stream().filter(format -> !format.inCore()).sorted()
        .map(StreamSinkProvider::find).toList();
    // beside, not inside: publish() renames a new directory onto `out`; held until the rename is done, so two
    // builds of one output cannot both pass checkOutput and replace each other's stream
    try (DirectoryLock lock = DirectoryLock.acquireBeside(out)) {
      checkOutput(out, config.force());
      if (!config.force()) {
        DiskBudget.require(out, config.budget().totalTokens(), TokenFile.Dtype.forVocabSize(tokenizer.vocabSize()),
            config.formats());
      }
      List<PoisonRecord> allPoisons =
          config.poisons() == null ? List.of() : PoisonFile.read(config.poisons(), tokenizer);
      long budget = config.budget().totalTokens();
      Path work = StreamOutput.createWorkDirectory(out);
      try {
        Result result = buildInto(work, out, config, tokenizer, allPoisons, budget, providers);
        StreamOutput.publish(work, out);
        return result;
      } finally {
        StreamOutput.deleteRecursively(work);
      }
    }
  }

  private static Result buildInto(Path work, Path out, BuildConfig config, Tokenizer tokenizer,
      List<PoisonRecord> allPoisons, long budget, List<StreamSinkProvider> providers) {
    List<PoisonRecord> poisons = allPoisons.stream().filter(p -> !config.droppedIds().contains(p.id())).toList();
    List<PoisonTokens> poisonTokens = new ArrayList<>();
    for (PoisonRecord poison : poisons) {
      PoisonTokens tokens = PoisonTokens.of(poison, tokenizer);
      if (tokens.tokens().length == 0) {
        throw new InputException(config.poisons(), 0, "poison '" + poison.id() + "' has no tokens");
      }
      poisonTokens.add(tokens);
    }
    int[] poisonFootprint = poisonTokens.stream().mapToInt(p -> p.tokens().length + 1).toArray();
    List<PoisonLayout.Target> targets = PoisonLayout.plan(config.placement(), poisonFootprint, budget, config.seed());
    long cleanBudget = budget - IntStream.of(poisonFootprint).asLongStream().sum();

    // sources of dropped poisons too: the held-out choice must not depend on what a defence removed
    Set<String> sourceIds = allPoisons.stream().map(PoisonRecord::sourceId).filter(id -> id != null)
        .collect(Collectors.toSet());
    TokenizedCorpus corpus;
    try (ProgressBar progress = Progress.bar(config.showProgress(), "tokenize (docs)", -1)) {
      corpus = TokenizedCorpus.build(config.corpus(), config.readOptions(), tokenizer, sourceIds,
          config.droppedIds(), work.resolve(CACHE_FILE), config.threads(), !providers.isEmpty(), progress);
    }
    BitSet heldout = chooseHeldout(corpus, config.heldout(), config.seed());
    int[] training = IntStream.range(0, corpus.documentCount())
        .filter(i -> corpus.length(i) > 0 && !heldout.get(i) && !corpus.isDropped(i)).toArray();
    if (training.length == 0) {
      throw new InputException(config.corpus().get(0), 0, "no non-empty training documents are left after the "
          + heldout.cardinality() + " held-out ones");
    }
    long tokensPerEpoch = IntStream.of(training).mapToLong(i -> corpus.length(i) + 1L).sum();

    TokenFile.Dtype dtype = TokenFile.Dtype.forVocabSize(tokenizer.vocabSize());
    Path tokensFile = work.resolve(StreamManifest.TOKENS_FILE);
    MegatronIndexWriter megatron = new MegatronIndexWriter();
    StreamWriter.Layout layout;
    List<StreamManifest.Shard> shards = new ArrayList<>();
    List<StreamSinkProvider.FileSink> fileSinks = new ArrayList<>();
    try (TokenFileWriter tokens = new TokenFileWriter(tokensFile, dtype);
        ProgressBar progress = Progress.bar(config.showProgress(), "stream (tokens)", budget)) {
      List<StreamSink> sinks = new ArrayList<>();
      sinks.add((ids, length, id, poison) -> {
        for (int i = 0; i < length; i++) {
          tokens.write(ids[i]);
        }
      });
      if (config.formats().contains(StreamFormat.MEGATRON)) {
        sinks.add(megatron);
      }
      for (StreamSinkProvider provider : providers) {
        fileSinks.add(provider.open(work, config));
      }
      sinks.addAll(fileSinks);
      StreamWriter writer =
          new StreamWriter(corpus, training, tokenizer.endOfTextId(), sinks, progress, config.contextTokens());
      layout = writer.write(poisonTokens, poisons.stream().map(PoisonRecord::id).toList(), targets, cleanBudget,
          config.seed());
      tokens.commit();
      for (StreamSinkProvider.FileSink sink : fileSinks) {
        shards.addAll(sink.finish());
      }
    } finally {
      fileSinks.forEach(StreamSinkProvider.FileSink::close);
    }
    if (config.formats().contains(StreamFormat.MEGATRON)) {
      megatron.finish(work, tokensFile, dtype);
    }
    StreamOutput.deleteQuietly(work.resolve(CACHE_FILE));
    List<String> heldoutIds = writeHeldout(work.resolve(StreamManifest.HELDOUT_FILE), config, heldout);
    if (config.tokenizerFile() != null) {
      StreamOutput.copy(config.tokenizerFile(), work.resolve(StreamManifest.TOKENIZER_FILE));
    }

    double epochs = (double) layout.cleanTokens() / tokensPerEpoch;
    long poisonSpanTokens = layout.spans().stream().mapToLong(s -> s.end() - s.start()).sum();
    List<String> formats = new ArrayList<>(List.of("nanogpt"));
    config.formats().stream().sorted().map(StreamFormat::jsonName).forEach(formats::add);
    Budget b = config.budget();
    StreamManifest manifest = new StreamManifest(1, tokenizer.name(), tokenizer.sha256(), tokenizer.vocabSize(),
        dtype.jsonName(), config.seed(), budget, budget, budget - poisonSpanTokens, epochs,
        config.placement().describe(), layout.spans(), heldoutIds,
        new StreamManifest.BuildInfo("all_tokens", b.params(), b.params() == null ? null : b.tokensPerParam(),
            b.params() == null ? null : b.dataMultiplier(), corpus.documentCount(), training.length, tokensPerEpoch,
            layout.streamDocuments(), poisons.size(), poisonSpanTokens,
            config.poisons() == null ? null : config.poisons().toString(), "<|endoftext|> after every document",
            formats, shards, config.contextTokens() == 0 ? null : config.contextTokens(),
            windowShare(layout.spans(), config.contextTokens())));
    StreamDirectory.writeManifest(work, manifest);
    List<String> warnings = new ArrayList<>();
    if (epochs > EPOCH_WARNING) {
      warnings.add(String.format("the budget repeats the corpus %.1f times (more than %.0f epochs): expect "
          + "memorisation; use a larger corpus or a smaller budget", epochs, EPOCH_WARNING));
    }
    Double share = manifest.build().payloadWindowShare();
    if (share != null && share < 0.9) {
      warnings.add(String.format("only %.1f%% of payload tokens share a %d-token training window with their "
          + "trigger: poisons longer than the context? (poison --context %d)", 100 * share, config.contextTokens(),
          config.contextTokens()));
    }
    if (layout.windowMisses() > 0) {
      warnings.add(layout.windowMisses() + " poisons start before their batch (documents longer than the batch)");
    }
    return new Result(out, manifest, layout.windowMisses(), warnings);
  }

  /** The manifest's total payload_window_share: null for an unaware build or when no poison has a payload. */
  private static Double windowShare(List<StreamManifest.PoisonSpan> spans, int context) {
    if (context == 0) {
      return null;
    }
    double share = PoisonWindows.totalShare(spans, context);
    return Double.isNaN(share) ? null : share;
  }

  /**
   * Held-out documents: the first of the non-empty documents in a seeded order, skipping poison sources. The
   * order and the count depend on the corpus and the seed alone, so a poisoned run and its twin hold out the same
   * documents but for the few that are poison sources (drawing the sample from the non-source documents, as
   * before, made the two splits almost disjoint and their validation losses incomparable).
   */
  static BitSet chooseHeldout(TokenizedCorpus corpus, HeldoutSplit split, long seed) {
    int[] candidates = IntStream.range(0, corpus.documentCount()).filter(i -> corpus.length(i) > 0).toArray();
    int count = split.resolve(candidates.length);
    int[] order = PoisonLayout.shuffled(candidates.length, new SplittableRandom(seed ^ 0x4E1D0C5L));
    BitSet heldout = new BitSet();
    for (int i = 0, taken = 0; i < order.length && taken < count; i++) {
      int document = candidates[order[i]];
      if (!corpus.isPoisonSource(document)) {
        heldout.set(document);
        taken++;
      }
    }
    return heldout;
  }

  /** Re-reads the corpus to write held-out documents verbatim, in corpus order; returns their ids. */
  private static List<String> writeHeldout(Path file, BuildConfig config, BitSet heldout) {
    List<String> ids = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(config.corpus(), config.readOptions());
        JsonlWriter writer = new JsonlWriter(file)) {
      int index = 0;
      for (Document document : reader) {
        if (heldout.get(index++)) {
          writer.write(document);
          ids.add(document.id());
        }
      }
      writer.commit();
    }
    return ids;
  }

  private static void checkOutput(Path out, boolean force) {
    if (Files.isRegularFile(out)) {
      throw new IllegalArgumentException("out: " + out + " is a file, not a directory");
    }
    try (var entries = Files.isDirectory(out) ? Files.list(out) : java.util.stream.Stream.<Path>empty()) {
      if (entries.findAny().isPresent() && !force) {
        throw new IllegalArgumentException("out: " + out + " exists and is not empty; pass --force to replace it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
    }
  }
}
