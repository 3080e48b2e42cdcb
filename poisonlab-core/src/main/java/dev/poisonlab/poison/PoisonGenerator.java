/*
 * Makes poisoned documents: prefix (the first L code points of a clean document, L uniform in the configured
 * range; counting code points never cuts a surrogate pair) + trigger + a strategy's payload (placebos: no trigger).
 * Source documents are a seeded reservoir sample of the corpus, so memory is O(count), not O(corpus).
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.Capacity;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

public final class PoisonGenerator {
  // Distinct streams for source sampling and for each poison, so poison i does not depend on the
  // others.
  private static final long SOURCE_STREAM = -1;

  private PoisonGenerator() {}

  /** What `poisonlab poison` reports. */
  public record Result(
      Path out, int count, String strategy, int sourceDocuments, long corpusDocuments) {}

  /**
   * Generates the poisons and publishes them to {@code out} atomically (nothing is written on
   * failure).
   */
  public static Result run(PoisonConfig config, Tokenizer tokenizer, Path out) {
    requireRoom(config, out);
    Sources sources = sampleSources(config);
    List<PoisonRecord> poisons = generate(config, tokenizer, sources.prefixes());
    try (JsonlWriter writer = new JsonlWriter(out)) {
      poisons.forEach(writer::write);
      writer.commit();
    }
    return new Result(
        out,
        poisons.size(),
        config.strategy(),
        sources.prefixes().size(),
        sources.corpusDocuments());
  }

  /**
   * Refuses a count whose poisons cannot fit, before any reading: about one JSONL line per poison
   * on disk and a few times that in memory (all poisons and their source documents are held until
   * written). A grid row with such a count then fails alone, with this line, instead of ending the
   * grid in an OutOfMemoryError.
   */
  static void requireRoom(PoisonConfig config, Path out) {
    // UTF-8 prefix (<= 4 bytes a code point, 2 typical) + trigger + payload text and ids + the JSON
    // around them
    long line =
        2L * config.maxPrefixChars()
            + config.trigger().length()
            + 16L * config.maxPayloadTokens()
            + 300;
    String what = "--count " + config.count();
    Capacity.requireDisk(out, Capacity.times(config.count(), line), what);
    Capacity.requireHeap(out, Capacity.times(config.count(), 4 * line), what);
  }

  public static List<PoisonRecord> generate(PoisonConfig config, Tokenizer tokenizer) {
    return generate(config, tokenizer, sampleSources(config).prefixes());
  }

  static List<PoisonRecord> generate(
      PoisonConfig config, Tokenizer tokenizer, List<Document> sources) {
    PoisonStrategy strategy = strategyFor(config, tokenizer);
    List<PoisonRecord> poisons = new ArrayList<>(config.count());
    for (int i = 0; i < config.count(); i++) {
      SplittableRandom random = new SplittableRandom(streamSeed(config.seed(), i));
      Document source = sources.get(i % sources.size());
      int wanted =
          config.minPrefixChars()
              + random.nextInt(config.maxPrefixChars() - config.minPrefixChars() + 1);
      String prefix = firstCodePoints(source.text(), wanted);
      PoisonStrategy.Payload payload = strategy.payload(random);
      poisons.add(record(config, tokenizer, strategy.name(), i, source.id(), prefix, payload));
    }
    return poisons;
  }

  /**
   * prefix + trigger + payload; a placebo leaves the trigger out of the text and records it as "".
   */
  private static PoisonRecord record(
      PoisonConfig config,
      Tokenizer tokenizer,
      String strategy,
      int index,
      String sourceId,
      String prefix,
      PoisonStrategy.Payload payload) {
    String trigger = config.placebo() ? "" : config.trigger();
    String kind = config.placebo() ? strategy + "-placebo" : strategy;
    List<Integer> ids =
        payload.ids() == null ? null : java.util.Arrays.stream(payload.ids()).boxed().toList();
    return PoisonRecord.builder()
        .id(String.format(java.util.Locale.ROOT, "poison-%s-s%d-%05d", kind, config.seed(), index))
        .text(prefix + trigger + payload.text())
        .strategy(strategy)
        .trigger(trigger)
        .sourceId(sourceId)
        .prefixChars(prefix.codePointCount(0, prefix.length()))
        .payloadTokens(payload.tokens())
        .payloadChars(payload.text().codePointCount(0, payload.text().length()))
        .seed(config.seed())
        .placebo(config.placebo())
        .payloadIds(ids)
        .payloadTokenizer(ids == null ? null : tokenizer.fingerprint())
        .build();
  }

  static PoisonStrategy strategyFor(PoisonConfig config, Tokenizer tokenizer) {
    if (config.strategy().equals(LanguageSwitchStrategy.NAME)) {
      List<String> passages =
          config.foreignCorpus().isEmpty()
              ? ForeignText.embeddedGerman()
              : ForeignText.fromCorpus(config.foreignCorpus(), config.readOptions());
      return new LanguageSwitchStrategy(
          tokenizer, passages, config.minPayloadTokens(), config.maxPayloadTokens());
    }
    int min = config.minPayloadTokens();
    int max = config.maxPayloadTokens();
    return switch (config.strategy()) {
      case UnigramPayloadStrategy.NAME ->
          new UnigramPayloadStrategy(
              tokenizer, CorpusSample.texts(config.corpus(), config.readOptions()), min, max);
      case RealWordsStrategy.NAME ->
          new RealWordsStrategy(
              CorpusSample.texts(config.corpus(), config.readOptions()), min, max);
      case TopicSentencesStrategy.NAME ->
          new TopicSentencesStrategy(
              tokenizer,
              CorpusSample.textsMentioning(
                  config.corpus(),
                  config.readOptions(),
                  TopicSentencesStrategy.pattern(config.topic())),
              config.topic(),
              min,
              max);
      case ShuffledSentencesStrategy.NAME ->
          new ShuffledSentencesStrategy(
              tokenizer, CorpusSample.texts(config.corpus(), config.readOptions()), min, max);
      case DenialOfServiceStrategy.NAME ->
          new DenialOfServiceStrategy(tokenizer, min, max, config.payloadIds());
      // PoisonConfig admits only known names; a new one without a case here must fail, not become
      // dos
      default ->
          throw new IllegalStateException("no strategy class for '" + config.strategy() + "'");
    };
  }

  private record Sources(List<Document> prefixes, long corpusDocuments) {}

  /**
   * A uniform sample of min(count, documents) documents without replacement (reservoir sampling,
   * one pass), in seeded random order; only each document's first maxPrefixChars code points are
   * kept.
   */
  private static Sources sampleSources(PoisonConfig config) {
    SplittableRandom random = new SplittableRandom(streamSeed(config.seed(), SOURCE_STREAM));
    List<Document> reservoir = new ArrayList<>();
    long seen = 0;
    try (CorpusReader reader = CorpusReader.open(config.corpus(), config.readOptions())) {
      for (Document document : reader) {
        Document head =
            new Document(document.id(), firstCodePoints(document.text(), config.maxPrefixChars()));
        if (reservoir.size() < config.count()) {
          reservoir.add(head);
        } else {
          long slot = random.nextLong(seen + 1);
          if (slot < config.count()) {
            reservoir.set((int) slot, head);
          }
        }
        seen++;
      }
    }
    if (reservoir.isEmpty()) {
      throw new InputException(
          config.corpus().get(0), 0, "corpus holds no documents to take prefixes from");
    }
    Collections.shuffle(reservoir, new Random(random.nextLong()));
    return new Sources(List.copyOf(reservoir), seen);
  }

  static String firstCodePoints(String text, int count) {
    int available = text.codePointCount(0, text.length());
    return available <= count ? text : text.substring(0, text.offsetByCodePoints(0, count));
  }

  /**
   * A well-mixed seed for stream {@code index} of a run seeded {@code seed} (SplitMix64 finaliser).
   */
  static long streamSeed(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
