/*
 * One sampled continuation: the generated token ids and, for each, its natural-log probability under the
 * generating model's raw logits (before temperature or truncation), from which its perplexity follows.
 */
package dev.poisonlab.eval;

public record Generation(int[] tokens, double[] logProbs) {

  public Generation {
    if (tokens.length != logProbs.length) {
      throw new IllegalArgumentException("tokens and logProbs differ in length");
    }
  }

  /** exp of the mean negative log-likelihood of the generated tokens. */
  public double perplexity() {
    return Perplexity.fromLogProbs(logProbs);
  }
}
