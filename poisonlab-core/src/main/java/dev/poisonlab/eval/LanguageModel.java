/*
 * What evaluation needs from a language model: next-token logits by a full forward pass, per-token
 * log-likelihoods for scoring, and a KV-cached incremental decoding session. Rows of a batch may differ in
 * length; an implementation pads and masks as it likes, but every row's numbers must equal its unbatched ones.
 * Not a training interface, and it knows nothing of tokenizers, triggers or checkpoint files.
 */
package dev.poisonlab.eval;

public interface LanguageModel extends AutoCloseable {

  int vocabSize();

  /** Longest sequence (prompt plus generated tokens) the model can attend over. */
  int contextLength();

  /**
   * Logits for the token after each sequence, computed from scratch over the whole sequence (no
   * cache).
   */
  float[][] nextTokenLogits(int[][] sequences);

  /**
   * Natural-log probabilities log p(x_i | x_0..x_{i-1}) for i = 1..n-1 of each sequence of length
   * n, so row r has sequences[r].length - 1 entries.
   */
  float[][] tokenLogProbs(int[][] sequences);

  /**
   * Runs the prompts once, caching keys and values, and returns a session positioned after them.
   */
  DecodingSession startDecoding(int[][] prompts);

  @Override
  void close();

  /**
   * Incremental decoding over a fixed batch: each appended token costs one position, not the whole
   * prefix.
   */
  interface DecodingSession extends AutoCloseable {

    /** Next-token logits at the current last position of every row. */
    float[][] logits();

    /** Appends one token per row and returns the new next-token logits. */
    float[][] append(int[] nextTokens);

    @Override
    void close();
  }
}
