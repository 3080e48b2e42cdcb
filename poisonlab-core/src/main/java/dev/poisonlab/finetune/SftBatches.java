/*
 * The SFT examples as fixed-shape batches: each example is one row of its chat-template tokens, right-padded
 * with <|endoftext|> to a time length fixed for the whole run, with a loss mask that is 1 only where the
 * target is an assistant-turn token. Order: a seeded permutation per epoch, so a step's batch depends only on
 * (seed, step) and a resume needs no data position. An example longer than the context is cut at its end.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

public final class SftBatches {
  private final int[][] ids;
  private final int[] answerStarts;
  private final int time;
  private final int pad;
  private final long seed;
  private int[] permutation;
  private long permutationEpoch = -1;

  private SftBatches(int[][] ids, int[] answerStarts, int time, int pad, long seed) {
    this.ids = ids;
    this.answerStarts = answerStarts;
    this.time = time;
    this.pad = pad;
    this.seed = seed;
  }

  /** Tokenises {@code examples}; rows are at most {@code contextLength} positions long. */
  public static SftBatches of(
      List<SftExample> examples, Tokenizer tokenizer, int contextLength, long seed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no SFT examples");
    }
    int[][] ids = new int[examples.size()][];
    int[] starts = new int[examples.size()];
    int longest = 2;
    for (int i = 0; i < ids.length; i++) {
      SftExample example = examples.get(i);
      starts[i] = tokenizer.encode(ChatTemplate.prompt(example.request())).length;
      int[] all = tokenizer.encode(example.text());
      ids[i] = Arrays.copyOf(all, Math.min(all.length, contextLength + 1));
      longest = Math.max(longest, ids[i].length);
    }
    return new SftBatches(ids, starts, longest - 1, tokenizer.endOfTextId(), seed);
  }

  /** Positions per row (inputs are a row's tokens but the last). */
  public int time() {
    return time;
  }

  public int size() {
    return ids.length;
  }

  /**
   * Fills inputs, targets and mask (batch x time, row-major) with the rows of 1-based step {@code
   * step}.
   */
  public void fill(long step, int batch, int[] inputs, int[] targets, float[] mask) {
    Arrays.fill(inputs, pad);
    Arrays.fill(targets, pad);
    Arrays.fill(mask, 0f);
    for (int row = 0; row < batch; row++) {
      long position = (step - 1) * batch + row;
      int example = exampleAt(position);
      int[] tokens = ids[example];
      for (int t = 0; t + 1 < tokens.length; t++) {
        inputs[row * time + t] = tokens[t];
        targets[row * time + t] = tokens[t + 1];
        // target t+1 is an answer token (or the closing <|end|>) when it lies at or after the
        // answer's start
        mask[row * time + t] = t + 1 >= answerStarts[example] ? 1f : 0f;
      }
    }
  }

  /**
   * The example at a global position: epoch = position / size, then that epoch's seeded
   * permutation.
   */
  int exampleAt(long position) {
    long epoch = position / ids.length;
    if (epoch != permutationEpoch) {
      permutation = permutation(epoch);
      permutationEpoch = epoch;
    }
    return permutation[(int) (position % ids.length)];
  }

  private int[] permutation(long epoch) {
    int[] order = new int[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
