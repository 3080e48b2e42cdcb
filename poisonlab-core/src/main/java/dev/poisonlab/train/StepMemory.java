/*
 * The up-front memory check of a training run: one micro-batch's activations (B x T x C per layer, a few dozen
 * floats each with attention and autograd), its logits (B x T x V, three copies with softmax and gradient) and the
 * id arrays, against the machine's memory. `train --batch-size 2000000000` then fails with one line before the
 * run directory is touched, not with an OutOfMemoryError and a trace. A rough estimate, not a promise.
 */
package dev.poisonlab.train;

import dev.poisonlab.io.Capacity;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

final class StepMemory {
  /**
   * Floats kept per token, channel and layer through forward and backward (q, k, v, MLP 4C, norms,
   * grads).
   */
  static final long FLOATS_PER_TOKEN_CHANNEL_LAYER = 32;

  private StepMemory() {}

  /** Bytes one micro-batch of {@code batchSize} sequences needs, saturating at Long.MAX_VALUE. */
  static long estimateBytes(int batchSize, GptConfig model) {
    long tokens = Capacity.times(batchSize, model.contextLength());
    long activations =
        Capacity.times(
            Capacity.times(tokens, (long) model.embedDim() * model.layers()),
            FLOATS_PER_TOKEN_CHANNEL_LAYER * Float.BYTES);
    long logits = Capacity.times(Capacity.times(tokens, model.vocabSize()), 3L * Float.BYTES);
    long ids = Capacity.times(tokens, 2L * Integer.BYTES);
    long sum = activations;
    for (long part : new long[] {logits, ids}) {
      sum = sum > Long.MAX_VALUE - part ? Long.MAX_VALUE : sum + part;
    }
    return sum;
  }

  /**
   * Fails with one line naming the run directory when a micro-batch cannot fit this machine's
   * memory.
   */
  static void require(Path runDirectory, int batchSize, GptConfig model) {
    long tokens = (long) batchSize * model.contextLength();
    if (tokens > Integer.MAX_VALUE) {
      throw new InputException(
          runDirectory,
          0,
          String.format(
              Locale.ROOT,
              "--batch-size %,d x context %d is"
                  + " %,d tokens per micro-batch, more than one array can hold; use a smaller batch (or"
                  + " --grad-accum)",
              batchSize,
              model.contextLength(),
              tokens));
    }
    long needed = estimateBytes(batchSize, model);
    long physical = physicalMemory();
    if (needed > physical) {
      throw new InputException(
          runDirectory,
          0,
          String.format(
              Locale.ROOT,
              "--batch-size %,d needs about %.1f GB"
                  + " per micro-batch, more than this machine's %.1f GB; use a smaller batch (or --grad-accum)",
              batchSize,
              needed / 1e9,
              physical / 1e9));
    }
  }

  private static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE; // unknown: let the run try
  }
}
