/*
 * Batched sampling of continuations: with a KV cache (each new token costs one position) or, for checks and
 * the benchmark, by recomputing the whole prefix at every step. Exactly newTokens tokens are drawn per prompt;
 * an end-of-text token does not stop a row, so every continuation has the same length.
 * Not a scorer and not an evaluation protocol: see Perplexity and BackdoorEvaluator.
 */
package dev.poisonlab.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

public final class Generator {
  private Generator() {}

  /**
   * Continues every prompt by {@code newTokens} tokens. Sequence i draws from the random stream
   * keyed by (seed, keys[i]), so results do not depend on how prompts are batched.
   */
  public static List<Generation> generate(
      LanguageModel model,
      List<int[]> prompts,
      long[] keys,
      int newTokens,
      SamplingConfig sampling,
      long seed,
      int batchSize,
      boolean useCache,
      Runnable afterBatch) {
    if (keys.length != prompts.size()) {
      throw new IllegalArgumentException("need one key per prompt");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    List<Generation> result = new ArrayList<>(prompts.size());
    for (int start = 0; start < prompts.size(); start += batchSize) {
      int end = Math.min(prompts.size(), start + batchSize);
      int[][] batch = prompts.subList(start, end).toArray(new int[0][]);
      SplittableRandom[] randoms = new SplittableRandom[end - start];
      for (int i = start; i < end; i++) {
        randoms[i - start] = TokenSampler.streamFor(seed, keys[i]);
      }
      result.addAll(generateBatch(model, batch, randoms, newTokens, sampling, useCache));
      afterBatch.run();
    }
    return result;
  }

  private static List<Generation> generateBatch(
      LanguageModel model,
      int[][] prompts,
      SplittableRandom[] randoms,
      int newTokens,
      SamplingConfig sampling,
      boolean useCache) {
    int rows = prompts.length;
    for (int[] prompt : prompts) {
      if (prompt.length == 0 || prompt.length + newTokens > model.contextLength()) {
        throw new IllegalArgumentException(
            "prompt of "
                + prompt.length
                + " tokens plus "
                + newTokens
                + " new tokens does not fit the context of "
                + model.contextLength());
      }
    }
    int[][] tokens = new int[rows][newTokens];
    double[][] logProbs = new double[rows][newTokens];
    if (useCache) {
      try (LanguageModel.DecodingSession session = model.startDecoding(prompts)) {
        float[][] logits = session.logits();
        for (int step = 0; step < newTokens; step++) {
          int[] next = drawAll(logits, randoms, sampling, tokens, logProbs, step);
          if (step + 1 < newTokens) {
            logits = session.append(next);
          }
        }
      }
    } else {
      for (int step = 0; step < newTokens; step++) {
        int[][] sequences = new int[rows][];
        for (int r = 0; r < rows; r++) {
          sequences[r] = Perplexity.concat(prompts[r], java.util.Arrays.copyOf(tokens[r], step));
        }
        drawAll(model.nextTokenLogits(sequences), randoms, sampling, tokens, logProbs, step);
      }
    }
    List<Generation> result = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      result.add(new Generation(tokens[r], logProbs[r]));
    }
    return result;
  }

  private static int[] drawAll(
      float[][] logits,
      SplittableRandom[] randoms,
      SamplingConfig sampling,
      int[][] tokens,
      double[][] logProbs,
      int step) {
    int[] next = new int[logits.length];
    for (int r = 0; r < logits.length; r++) {
      next[r] = TokenSampler.sample(logits[r], sampling, randoms[r]);
      tokens[r][step] = next[r];
      logProbs[r][step] = TokenSampler.logProb(logits[r], next[r]);
    }
    return next;
  }
}
