/*
 * Settings of a BPE training run. vocabSize counts everything: 256 byte tokens, the learned merges and the
 * special token <|endoftext|>. threads only changes speed, never the result.
 * Not a place for corpus options: the trainer receives documents, not paths.
 */
package dev.poisonlab.tokenizer;

public record BpeTrainerConfig(int vocabSize, int minFrequency, int threads) {
  /** 256 byte tokens + <|endoftext|>: the smallest vocabulary that can encode any text. */
  public static final int MIN_VOCAB_SIZE = 257;

  /** Ids stay far below 2^31 and the merge table small enough for the heap. */
  public static final int MAX_VOCAB_SIZE = 1 << 22;

  public BpeTrainerConfig {
    if (vocabSize < MIN_VOCAB_SIZE || vocabSize > MAX_VOCAB_SIZE) {
      throw new IllegalArgumentException(
          "vocab_size must lie in ["
              + MIN_VOCAB_SIZE
              + ", "
              + MAX_VOCAB_SIZE
              + "] (256 bytes + merges + "
              + "<|endoftext|>), got "
              + vocabSize);
    }
    if (minFrequency < 1) {
      throw new IllegalArgumentException("min_frequency must be at least 1, got " + minFrequency);
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must lie in [1, 256], got " + threads);
    }
  }

  /**
   * vocabSize with the usual defaults: merges need at least two occurrences, two counting threads.
   */
  public static BpeTrainerConfig ofVocabSize(int vocabSize) {
    return new BpeTrainerConfig(vocabSize, 2, 2);
  }
}
