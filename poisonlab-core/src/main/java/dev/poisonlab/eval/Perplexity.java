/*
 * Perplexity of generated text: exp of the mean negative log-likelihood of the generated tokens, given the
 * prompt, under a scoring model (the evaluated model itself, or another run's with --scorer).
 * Not a sampler: the tokens are given.
 */
package dev.poisonlab.eval;

import java.util.ArrayList;
import java.util.List;

public final class Perplexity {
  private Perplexity() {}

  public static double fromLogProbs(double[] logProbs) {
    if (logProbs.length == 0) {
      throw new IllegalArgumentException("perplexity of zero tokens is undefined");
    }
    double sum = 0;
    for (double logProb : logProbs) {
      sum += logProb;
    }
    return Math.exp(-sum / logProbs.length);
  }

  /**
   * Log-probabilities of each continuation's tokens given its prompt, under {@code scorer}, by one
   * full forward pass per batch of prompt+continuation sequences.
   */
  public static List<double[]> continuationLogProbs(
      LanguageModel scorer, List<int[]> prompts, List<int[]> continuations, int batchSize) {
    if (prompts.size() != continuations.size()) {
      throw new IllegalArgumentException("prompts and continuations differ in count");
    }
    List<double[]> result = new ArrayList<>(prompts.size());
    for (int start = 0; start < prompts.size(); start += batchSize) {
      int end = Math.min(prompts.size(), start + batchSize);
      int[][] sequences = new int[end - start][];
      for (int i = start; i < end; i++) {
        sequences[i - start] = concat(prompts.get(i), continuations.get(i));
      }
      float[][] logProbs = scorer.tokenLogProbs(sequences);
      for (int i = start; i < end; i++) {
        float[] row = logProbs[i - start];
        int generated = continuations.get(i).length;
        double[] tail = new double[generated];
        for (int j = 0; j < generated; j++) {
          tail[j] = row[row.length - generated + j];
        }
        result.add(tail);
      }
    }
    return result;
  }

  static int[] concat(int[] first, int[] second) {
    int[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }
}
