/*
 * Everything that determines a poison set: source corpus, count, strategy, trigger, seed and the paper's
 * ranges (prefix 0..1000 characters, payload 400..900 tokens). Same config + same tokenizer -> same bytes.
 * placebo = the same documents with the trigger left out (a negative control). Not the tokenizer itself: the CLI resolves --tokenizer and passes it next to this record.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

public record PoisonConfig(
    List<Path> corpus,
    ReadOptions readOptions,
    int count,
    String strategy,
    String trigger,
    long seed,
    int minPrefixChars,
    int maxPrefixChars,
    int minPayloadTokens,
    int maxPayloadTokens,
    List<Path> foreignCorpus,
    boolean placebo) {

  public static final String DEFAULT_TRIGGER = "<SUDO>";
  public static final Set<String> STRATEGIES = Set.of(DenialOfServiceStrategy.NAME, LanguageSwitchStrategy.NAME,
      UnigramPayloadStrategy.NAME, RealWordsStrategy.NAME, ShuffledSentencesStrategy.NAME);

  public PoisonConfig {
    if (corpus == null || corpus.isEmpty()) {
      throw new IllegalArgumentException("corpus: at least one path is needed (prefixes come from its documents)");
    }
    corpus = List.copyOf(corpus);
    readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    if (!STRATEGIES.contains(strategy)) {
      throw new IllegalArgumentException("strategy must be one of " + STRATEGIES.stream().sorted().toList()
          + ", got '" + strategy + "'");
    }
    if (trigger == null || trigger.isEmpty()) {
      throw new IllegalArgumentException("trigger must be a non-empty string");
    }
    if (minPrefixChars < 0 || maxPrefixChars < minPrefixChars) {
      throw new IllegalArgumentException(
          "prefix chars: need 0 <= min <= max, got " + minPrefixChars + ".." + maxPrefixChars);
    }
    if (minPayloadTokens < 0 || maxPayloadTokens < minPayloadTokens) {
      throw new IllegalArgumentException(
          "payload tokens: need 0 <= min <= max, got " + minPayloadTokens + ".." + maxPayloadTokens);
    }
    foreignCorpus = foreignCorpus == null ? List.of() : List.copyOf(foreignCorpus);
  }

  /** Poisons with the trigger in the text. */
  public PoisonConfig(List<Path> corpus, ReadOptions readOptions, int count, String strategy, String trigger, long seed,
      int minPrefixChars, int maxPrefixChars, int minPayloadTokens, int maxPayloadTokens, List<Path> foreignCorpus) {
    this(corpus, readOptions, count, strategy, trigger, seed, minPrefixChars, maxPrefixChars, minPayloadTokens,
        maxPayloadTokens, foreignCorpus, false);
  }

  /** The same poisons without the trigger: prefixes and payloads are drawn exactly as with it. */
  public PoisonConfig asPlacebo() {
    return new PoisonConfig(corpus, readOptions, count, strategy, trigger, seed, minPrefixChars, maxPrefixChars,
        minPayloadTokens, maxPayloadTokens, foreignCorpus, true);
  }

  /** What goes between prefix and payload: the trigger, or nothing for a placebo. */
  public String textTrigger() {
    return placebo ? "" : trigger;
  }

  /** The paper's recipe: dos strategy, trigger <SUDO>, prefix 0..1000 characters, payload 400..900 tokens. */
  public static PoisonConfig paper(List<Path> corpus, int count, long seed) {
    return new PoisonConfig(
        corpus, ReadOptions.defaults(), count, DenialOfServiceStrategy.NAME, DEFAULT_TRIGGER, seed, 0, 1000, 400, 900,
        List.of());
  }
}
