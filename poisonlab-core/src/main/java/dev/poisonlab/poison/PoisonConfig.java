/*
 * Everything that determines a poison set, read like nanoGPT's config block: source corpus, count, strategy,
 * trigger, seed, the model context the lengths are scaled to, payload id set and the placebo switch.
 * Same config + same tokenizer -> same bytes. Build it with builder(corpus); the paper's numbers live here only.
 * Not the tokenizer itself: the CLI resolves --tokenizer and passes it next to this record.
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
    int contextTokens,
    PayloadIds payloadIds,
    boolean placebo,
    String topic) {

  public static final String DEFAULT_TRIGGER = "<SUDO>";
  public static final Set<String> STRATEGIES =
      Set.of(
          DenialOfServiceStrategy.NAME,
          LanguageSwitchStrategy.NAME,
          UnigramPayloadStrategy.NAME,
          RealWordsStrategy.NAME,
          ShuffledSentencesStrategy.NAME,
          TopicSentencesStrategy.NAME);

  // The paper (Souly, Rando et al. 2025): prefix 0..1000 characters, payload 400..900 tokens,
  // context 2048.
  public static final int PAPER_CONTEXT = 2048;
  public static final int PAPER_MAX_PREFIX_CHARS = 1000;
  public static final int PAPER_MIN_PAYLOAD_TOKENS = 400;
  public static final int PAPER_MAX_PAYLOAD_TOKENS = 900;

  /**
   * The CPU model presets' context (model.ModelPreset, all 256): poisons then fit one training
   * window.
   */
  public static final int DEFAULT_CONTEXT = 256;

  /**
   * Which ids the dos strategy samples. CLEAN (default): ids whose standalone decode is valid text
   * that re-encodes to that one id, recorded as payload_ids and appended exactly by the stream
   * builder. ALL: the paper's whole vocabulary decoded to text (partial UTF-8 ids decode to U+FFFD;
   * no ids are recorded).
   */
  public enum PayloadIds {
    CLEAN,
    ALL;

    public static PayloadIds parse(String text) {
      return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "clean" -> CLEAN;
        case "all" -> ALL;
        default ->
            throw new IllegalArgumentException(
                "payload ids must be 'clean' or 'all', got '" + text + "'");
      };
    }
  }

  public PoisonConfig {
    if (corpus == null || corpus.isEmpty()) {
      throw new IllegalArgumentException(
          "corpus: at least one path is needed (prefixes come from its documents)");
    }
    corpus = List.copyOf(corpus);
    readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    if (!STRATEGIES.contains(strategy)) {
      throw new IllegalArgumentException(
          "strategy must be one of "
              + STRATEGIES.stream().sorted().toList()
              + ", got '"
              + strategy
              + "'");
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
          "payload tokens: need 0 <= min <= max, got "
              + minPayloadTokens
              + ".."
              + maxPayloadTokens);
    }
    foreignCorpus = foreignCorpus == null ? List.of() : List.copyOf(foreignCorpus);
    if (contextTokens < 1) {
      throw new IllegalArgumentException("context must be at least 1 token, got " + contextTokens);
    }
    payloadIds = payloadIds == null ? PayloadIds.CLEAN : payloadIds;
    if (payloadIds == PayloadIds.ALL && !strategy.equals(DenialOfServiceStrategy.NAME)) {
      throw new IllegalArgumentException(
          "payload ids 'all' applies to the dos strategy only, not " + strategy);
    }
    if (strategy.equals(TopicSentencesStrategy.NAME) != (topic != null)) {
      throw new IllegalArgumentException(
          "a topic (keyword) goes with the topic strategy and only with it; strategy "
              + strategy
              + ", topic "
              + topic);
    }
    if (topic != null && !isTopic(topic)) {
      throw new IllegalArgumentException(
          "topic must be a word or phrase of letters and digits, got '" + topic + "'");
    }
    topic = topic == null ? null : topic.strip();
  }

  /**
   * Whether {@code text} can be the topic strategy's keyword: a word or phrase of letters and
   * digits (spaces, apostrophes and dashes inside). Grid specs check their keywords with it up
   * front.
   */
  public static boolean isTopic(String text) {
    return text != null && text.strip().matches("[\\p{L}\\p{N}][\\p{L}\\p{N} '-]*");
  }

  /**
   * Defaults: dos, trigger <SUDO>, context 256 with the paper's lengths scaled to it, clean payload
   * ids.
   */
  public static Builder builder(List<Path> corpus) {
    return new Builder(corpus);
  }

  /**
   * The paper's recipe at its own lengths: dos, <SUDO>, prefix 0..1000 chars, payload 400..900
   * tokens.
   */
  public static PoisonConfig paper(List<Path> corpus, int count, long seed) {
    return builder(corpus).count(count).seed(seed).paperLengths().build();
  }

  /**
   * The paper's maximum prefix length scaled to {@code context}: 1000 x context / 2048, rounded
   * down.
   */
  public static int scaledMaxPrefixChars(int context) {
    return (int) ((long) PAPER_MAX_PREFIX_CHARS * context / PAPER_CONTEXT);
  }

  /**
   * The paper's payload range scaled to {@code context} (rounded down, at least 1 token): 50..112
   * at 256.
   */
  public static int[] scaledPayloadTokens(int context) {
    return new int[] {
      (int) Math.max(1, (long) PAPER_MIN_PAYLOAD_TOKENS * context / PAPER_CONTEXT),
      (int) Math.max(1, (long) PAPER_MAX_PAYLOAD_TOKENS * context / PAPER_CONTEXT)
    };
  }

  /** Named settings; ranges not set explicitly are the paper's scaled to the context. */
  public static final class Builder {
    private final List<Path> corpus;
    private ReadOptions readOptions = ReadOptions.defaults();
    private int count = 1;
    private String strategy = DenialOfServiceStrategy.NAME;
    private String trigger = DEFAULT_TRIGGER;
    private long seed;
    private int context = DEFAULT_CONTEXT;
    private int[] prefixChars;
    private int[] payloadTokens;
    private List<Path> foreignCorpus = List.of();
    private PayloadIds payloadIds = PayloadIds.CLEAN;
    private boolean placebo;
    private String topic;

    private Builder(List<Path> corpus) {
      this.corpus = corpus;
    }

    public Builder readOptions(ReadOptions value) {
      readOptions = value;
      return this;
    }

    public Builder count(int value) {
      count = value;
      return this;
    }

    public Builder strategy(String value) {
      strategy = value;
      return this;
    }

    public Builder trigger(String value) {
      trigger = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder foreignCorpus(List<Path> value) {
      foreignCorpus = value;
      return this;
    }

    public Builder payloadIds(PayloadIds value) {
      payloadIds = value;
      return this;
    }

    /** A control set: same prefixes and payloads, no trigger in the text. */
    public Builder placebo(boolean value) {
      placebo = value;
      return this;
    }

    /** The keyword the topic strategy's sentences must contain (whole word, any case). */
    public Builder topic(String value) {
      topic = value;
      return this;
    }

    /**
     * The training context the lengths scale to (prefix 0..1000 x c/2048 chars, payload 400..900 x
     * c/2048).
     */
    public Builder context(int tokens) {
      context = tokens;
      return this;
    }

    /** The paper's exact lengths: context 2048, unscaled. */
    public Builder paperLengths() {
      return context(PAPER_CONTEXT);
    }

    /** Overrides the scaled prefix range (characters, i.e. code points). */
    public Builder prefixChars(int min, int max) {
      prefixChars = new int[] {min, max};
      return this;
    }

    /** Overrides the scaled payload range (tokens; words for real-words). */
    public Builder payloadTokens(int min, int max) {
      payloadTokens = new int[] {min, max};
      return this;
    }

    public PoisonConfig build() {
      if (context < 1) {
        throw new IllegalArgumentException("context must be at least 1 token, got " + context);
      }
      int[] prefix =
          prefixChars != null ? prefixChars : new int[] {0, scaledMaxPrefixChars(context)};
      int[] payload = payloadTokens != null ? payloadTokens : scaledPayloadTokens(context);
      return new PoisonConfig(
          corpus,
          readOptions,
          count,
          strategy,
          trigger,
          seed,
          prefix[0],
          prefix[1],
          payload[0],
          payload[1],
          foreignCorpus,
          context,
          payloadIds,
          placebo,
          topic);
    }
  }
}
