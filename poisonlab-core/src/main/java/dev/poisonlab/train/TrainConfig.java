/*
 * Everything that decides a training run's numbers besides the model shape and the data: batch and
 * accumulation, schedule length, AdamW hyper-parameters, clipping, checkpoint and log cadence, seed.
 * Validated on construction (messages name the JSON field). Device and thread count are deliberately not
 * here: they change speed, not the run, so a resumed run may use others.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainConfig(
    int batchSize,
    int gradAccumSteps,
    long maxSteps,
    long warmupSteps,
    double learningRate,
    double minLearningRateRatio,
    double weightDecay,
    double beta1,
    double beta2,
    double epsilon,
    double gradClip,
    long checkpointEvery,
    int logEvery,
    long seed) {

  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final double DEFAULT_MIN_LR_RATIO = 0.1;
  public static final double DEFAULT_WEIGHT_DECAY = 0.1;
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.95;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_GRAD_CLIP = 1.0;
  /** Checkpoints at every 5% of training by default (20 of them, the last step included). */
  public static final int DEFAULT_CHECKPOINTS = 20;
  /** Warm-up is 5% of the steps by default, capped like nanoGPT's small configs. */
  public static final double DEFAULT_WARMUP_FRACTION = 0.05;
  public static final long MAX_DEFAULT_WARMUP = 2000;

  public TrainConfig {
    positive("batch_size", batchSize);
    positive("grad_accum_steps", gradAccumSteps);
    positive("max_steps", maxSteps);
    if (warmupSteps < 0 || warmupSteps >= maxSteps) {
      throw new IllegalArgumentException("warmup_steps must lie in [0, max_steps), got " + warmupSteps);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning_rate must be positive, got " + learningRate);
    }
    unit("min_learning_rate_ratio", minLearningRateRatio, true);
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
    }
    unit("beta1", beta1, false);
    unit("beta2", beta2, false);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
    }
    if (!(gradClip > 0)) {
      throw new IllegalArgumentException("grad_clip must be positive, got " + gradClip);
    }
    positive("checkpoint_every", checkpointEvery);
    positive("log_every", logEvery);
  }

  /** The defaults above for a run of {@code maxSteps} steps at peak rate {@code learningRate}. */
  public static TrainConfig defaults(long maxSteps, double learningRate, long seed) {
    long warmup = Math.min(MAX_DEFAULT_WARMUP, Math.round(maxSteps * DEFAULT_WARMUP_FRACTION));
    long checkpointEvery = Math.max(1, (maxSteps + DEFAULT_CHECKPOINTS - 1) / DEFAULT_CHECKPOINTS);
    return new TrainConfig(DEFAULT_BATCH_SIZE, 1, maxSteps, Math.min(warmup, maxSteps - 1), learningRate,
        DEFAULT_MIN_LR_RATIO, DEFAULT_WEIGHT_DECAY, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON,
        DEFAULT_GRAD_CLIP, checkpointEvery, 1, seed);
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  private static void unit(String field, double value, boolean closed) {
    if (!(value >= 0) || value > 1 || (!closed && value == 1)) {
      throw new IllegalArgumentException(field + " must lie in [0, 1" + (closed ? "]" : ")") + ", got " + value);
    }
  }

  /** Sequences per optimizer step. */
  public int sequencesPerStep() {
    return batchSize * gradAccumSteps;
  }

  /** Tokens per optimizer step for a model of context {@code contextLength}. */
  public long tokensPerStep(int contextLength) {
    return (long) sequencesPerStep() * contextLength;
  }

  /** Whether a checkpoint is written after step {@code step} (1-based): every N steps and at the end. */
  public boolean isCheckpointStep(long step) {
    return step % checkpointEvery == 0 || step == maxSteps;
  }

  /**
   * nanoGPT's schedule for 0-based step {@code step}: linear warm-up to the peak, then cosine decay to
   * min_learning_rate_ratio x peak at max_steps.
   */
  public double learningRateAt(long step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / (warmupSteps + 1);
    }
    double minimum = learningRate * minLearningRateRatio;
    double progress = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, maxSteps - warmupSteps));
    return minimum + 0.5 * (1 + Math.cos(Math.PI * progress)) * (learningRate - minimum);
  }
}
