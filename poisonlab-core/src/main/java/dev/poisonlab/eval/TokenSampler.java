/*
 * Draws one token from a row of logits under a SamplingConfig, and gives the log-probability of a token under
 * the raw (untempered) logits, which is what perplexity is measured with. All arithmetic is in double on the
 * JVM, and every sequence has its own random stream keyed by (seed, sequence key), so a draw never depends on
 * batch size or batch order. Not a decoder: the loop over positions lives in Generator.
 */
package dev.poisonlab.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

public final class TokenSampler {
  private TokenSampler() {}

  /** The random stream of one sequence: the same (seed, key) always yields the same draws. */
  public static SplittableRandom streamFor(long seed, long key) {
    return new SplittableRandom(mix(mix(seed) ^ key));
  }

  public static int sample(float[] logits, SamplingConfig config, SplittableRandom random) {
    if (config.greedy()) {
      return argmax(logits);
    }
    double[] scaled = new double[logits.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      scaled[i] = logits[i] / config.temperature();
      max = Math.max(max, scaled[i]);
    }
    double[] weights = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      weights[i] = Math.exp(scaled[i] - max);
    }
    double cut = cutoff(scaled, weights, config);
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (scaled[i] < cut) {
        weights[i] = 0;
      }
      total += weights[i];
    }
    double target = random.nextDouble() * total;
    double cumulative = 0;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        cumulative += weights[i];
        last = i;
        if (target < cumulative) {
          return i;
        }
      }
    }
    return last; // rounding left target at the very top of the mass
  }

  /**
   * Smallest scaled logit that survives top-k and top-p. Ties at the cut are all kept, which keeps
   * the rule deterministic without an index sort (the nucleus can hold a few more tokens than
   * strictly needed).
   */
  private static double cutoff(double[] scaled, double[] weights, SamplingConfig config) {
    boolean topK = config.topK() > 0 && config.topK() < scaled.length;
    boolean topP = config.topP() < 1;
    if (!topK && !topP) {
      return Double.NEGATIVE_INFINITY;
    }
    double[] sorted = scaled.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double cut = topK ? sorted[n - config.topK()] : Double.NEGATIVE_INFINITY;
    if (topP) {
      double max = sorted[n - 1];
      double total = 0;
      for (int i = 0; i < n; i++) {
        if (scaled[i] >= cut) {
          total += weights[i];
        }
      }
      double cumulative = 0;
      for (int i = n - 1; i >= 0 && sorted[i] >= cut; i--) {
        cumulative += Math.exp(sorted[i] - max);
        if (cumulative >= config.topP() * total) {
          return sorted[i];
        }
      }
    }
    return cut;
  }

  /** Lowest index of the largest logit. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** log softmax(logits)[token], in double. */
  public static double logProb(float[] logits, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float logit : logits) {
      max = Math.max(max, logit);
    }
    double sum = 0;
    for (float logit : logits) {
      sum += Math.exp(logit - max);
    }
    return logits[token] - max - Math.log(sum);
  }

  /** SplitMix64's finaliser: spreads nearby seeds and keys over the whole 64-bit space. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
