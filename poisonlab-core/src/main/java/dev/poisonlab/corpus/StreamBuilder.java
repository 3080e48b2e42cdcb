/*
 * `corpus build`: clean corpus + poisons -> a training-stream directory (tokens.bin, manifest.json,
 * heldout.jsonl, tokenizer.json when the tokenizer is a file, and the extra formats asked for; formats outside
 * the core come from StreamSinkProviders, looked up before any work). Everything is written into a hidden sibling
 * directory that is renamed into place only at the very end, so bad input or a crash leaves no partial output;
 * a hidden sibling lock file (.NAME.lock) keeps a second build of the same output out meanwhile.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public final class StreamBuilder {
  public static final double EPOCH_WARNING = 4.0;
  static final String CACHE_FILE = ".corpus-cache.bin";

  /** What `corpus build` reports: the manifest plus facts worth printing. */
  public record Result(
      Path out, StreamManifest manifest, int windowMisses, List<String> warnings) {}

  public static Result build(BuildConfig config, BuildOptions options, Tokenizer tokenizer) {
    Path out = options.out().toAbsolutePath().normalize();
    List<StreamSinkProvider> providers =
        config.formats().stream()
            .filter(format -> !format.inCore())
            .sorted()
            .map(StreamSinkProvider::find)
            .toList();
    // beside, not inside: publish() renames a new directory onto `out`; held until the rename is
    // done, so two
    // builds of one output cannot both pass checkOutput and replace each other's stream
    try (DirectoryLock lock = DirectoryLock.acquireBeside(out)) {
      checkOutput(out, options.force());
      if (!options.force()) {
        DiskBudget.require(
            out,
            config.budget().totalTokens(),
            TokenFile.Dtype.forVocabSize(tokenizer.vocabSize()),
            config.formats());
      }
      List<PoisonRecord> allPoisons =
          config.poisons() == null ? List.of() : PoisonFile.read(config.poisons(), tokenizer);
      Path work = StreamOutput.createWorkDirectory(out);
      try {
        StreamBuilder builder = new StreamBuilder(config, options, tokenizer, work, providers);
        StreamManifest manifest = builder.buildInto(allPoisons);
        StreamOutput.publish(work, out);
        return new Result(out, manifest, builder.layout.windowMisses(), builder.warnings(manifest));
      } finally {
        StreamOutput.deleteRecursively(work);
      }
    }
  }

  private final BuildConfig config;
  private final BuildOptions options;
  private final Tokenizer tokenizer;
  private final Path work;
  private final List<StreamSinkProvider> providers;
  private final long budget;
  private final TokenFile.Dtype dtype;
  private StreamWriter.Layout layout;

  private StreamBuilder(
      BuildConfig config,
      BuildOptions options,
      Tokenizer tokenizer,
      Path work,
      List<StreamSinkProvider> providers) {
    this.config = config;
    this.options = options;
    this.tokenizer = tokenizer;
    this.work = work;
    this.providers = providers;
    this.budget = config.budget().totalTokens();
    this.dtype = TokenFile.Dtype.forVocabSize(tokenizer.vocabSize());
  }

  /**
   * Writes every file of the stream into the work directory; returns the manifest it wrote last.
   */
  private StreamManifest buildInto(List<PoisonRecord> allPoisons) {
    List<PoisonRecord> poisons =
        allPoisons.stream().filter(p -> !config.droppedIds().contains(p.id())).toList();
    List<PoisonTokens> poisonTokens = tokenizePoisons(poisons);
    int[] poisonFootprint = poisonTokens.stream().mapToInt(p -> p.tokens().length + 1).toArray();
    List<PoisonLayout.Target> targets =
        PoisonLayout.plan(config.placement(), poisonFootprint, budget, config.seed());
    long cleanBudget = budget - IntStream.of(poisonFootprint).asLongStream().sum();

    TokenizedCorpus corpus = tokenizeCorpus(allPoisons);
    BitSet heldout = HeldoutDocuments.choose(corpus, config.heldout(), config.seed());
    int[] training = trainingDocuments(corpus, heldout);
    long tokensPerEpoch = IntStream.of(training).mapToLong(i -> corpus.length(i) + 1L).sum();

    Path tokensFile = work.resolve(StreamManifest.TOKENS_FILE);
    MegatronIndexWriter megatron = new MegatronIndexWriter();
    List<StreamManifest.Shard> shards =
        writeStream(
            corpus,
            training,
            tokensFile,
            megatron,
            poisonTokens,
            poisons.stream().map(PoisonRecord::id).toList(),
            targets,
            cleanBudget);
    if (config.formats().contains(StreamFormat.MEGATRON)) {
      megatron.finish(work, tokensFile, dtype);
    }
    StreamOutput.deleteQuietly(work.resolve(CACHE_FILE));
    List<String> heldoutIds =
        HeldoutDocuments.write(work.resolve(StreamManifest.HELDOUT_FILE), config, heldout);
    if (config.tokenizerFile() != null) {
      StreamOutput.copy(config.tokenizerFile(), work.resolve(StreamManifest.TOKENIZER_FILE));
    }
    StreamManifest manifest =
        BuiltManifest.of(
            config,
            tokenizer,
            dtype,
            layout,
            new BuiltManifest.CorpusCounts(corpus.documentCount(), training.length, tokensPerEpoch),
            poisons.size(),
            heldoutIds,
            shards);
    StreamDirectory.writeManifest(work, manifest);
    return manifest;
  }

  /** Each poison's tokens, in poisons-file order; a poison without tokens is bad input. */
  private List<PoisonTokens> tokenizePoisons(List<PoisonRecord> poisons) {
    List<PoisonTokens> poisonTokens = new ArrayList<>();
    for (PoisonRecord poison : poisons) {
      PoisonTokens tokens = PoisonTokens.of(poison, tokenizer);
      if (tokens.tokens().length == 0) {
        throw new InputException(config.poisons(), 0, "poison '" + poison.id() + "' has no tokens");
      }
      poisonTokens.add(tokens);
    }
    return poisonTokens;
  }

  /**
   * Pass 1: the whole corpus into the token cache, marking poison sources and dropped documents.
   */
  private TokenizedCorpus tokenizeCorpus(List<PoisonRecord> allPoisons) {
    // sources of dropped poisons too: the held-out choice must not depend on what a defence removed
    Set<String> sourceIds =
        allPoisons.stream()
            .map(PoisonRecord::sourceId)
            .filter(id -> id != null)
            .collect(Collectors.toSet());
    try (Progress.Task progress = options.progress().start("tokenize", -1, "docs")) {
      return TokenizedCorpus.build(
          config.corpus(),
          config.readOptions(),
          tokenizer,
          sourceIds,
          config.droppedIds(),
          work.resolve(CACHE_FILE),
          options.threads(),
          !providers.isEmpty(),
          progress);
    }
  }

  /** Non-empty documents neither held out nor dropped; none left is bad input. */
  private int[] trainingDocuments(TokenizedCorpus corpus, BitSet heldout) {
    int[] training =
        IntStream.range(0, corpus.documentCount())
            .filter(i -> corpus.length(i) > 0 && !heldout.get(i) && !corpus.isDropped(i))
            .toArray();
    if (training.length == 0) {
      throw new InputException(
          config.corpus().get(0),
          0,
          "no non-empty training documents are left after the "
              + heldout.cardinality()
              + " held-out ones");
    }
    return training;
  }

  /**
   * Pass 2: tokens.bin plus every extra format's sink; sets the layout, returns the sharded
   * formats' files.
   */
  private List<StreamManifest.Shard> writeStream(
      TokenizedCorpus corpus,
      int[] training,
      Path tokensFile,
      MegatronIndexWriter megatron,
      List<PoisonTokens> poisonTokens,
      List<String> poisonIds,
      List<PoisonLayout.Target> targets,
      long cleanBudget) {
    List<StreamManifest.Shard> shards = new ArrayList<>();
    List<StreamSinkProvider.FileSink> fileSinks = new ArrayList<>();
    try (TokenFileWriter tokens = new TokenFileWriter(tokensFile, dtype);
        Progress.Task progress = options.progress().start("stream", budget, "tokens")) {
      List<StreamSink> sinks = new ArrayList<>();
      sinks.add(
          (ids, length, id, poison) -> {
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
          new StreamWriter(
              corpus, training, tokenizer.endOfTextId(), sinks, progress, config.contextTokens());
      layout = writer.write(poisonTokens, poisonIds, targets, cleanBudget, config.seed());
      tokens.commit();
      for (StreamSinkProvider.FileSink sink : fileSinks) {
        shards.addAll(sink.finish());
      }
    } finally {
      fileSinks.forEach(StreamSinkProvider.FileSink::close);
    }
    return shards;
  }

  /**
   * What `corpus build` should warn about: many epochs, payloads outside their trigger's window,
   * late poisons.
   */
  private List<String> warnings(StreamManifest manifest) {
    List<String> warnings = new ArrayList<>();
    if (manifest.epochs() > EPOCH_WARNING) {
      warnings.add(
          String.format(
              "the budget repeats the corpus %.1f times (more than %.0f epochs): expect "
                  + "memorisation; use a larger corpus or a smaller budget",
              manifest.epochs(), EPOCH_WARNING));
    }
    Double share = manifest.build().payloadWindowShare();
    if (share != null && share < 0.9) {
      warnings.add(
          String.format(
              "only %.1f%% of payload tokens share a %d-token training window with their "
                  + "trigger: poisons longer than the context? (poison --context %d)",
              100 * share, config.contextTokens(), config.contextTokens()));
    }
    if (layout.windowMisses() > 0) {
      warnings.add(
          layout.windowMisses()
              + " poisons start before their batch (documents longer than the batch)");
    }
    return warnings;
  }

  private static void checkOutput(Path out, boolean force) {
    if (Files.isRegularFile(out)) {
      throw new InputException(out, 0, "is a file, not a directory (out)");
    }
    try (var entries =
        Files.isDirectory(out) ? Files.list(out) : java.util.stream.Stream.<Path>empty()) {
      if (entries.findAny().isPresent() && !force) {
        throw new InputException(out, 0, "exists and is not empty; pass --force to replace it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
    }
  }
}
