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
      throw new IllegalArgumentException(
          "warmup_steps must lie in [0, max_steps), got " + warmupSteps);
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
    return builder(maxSteps, learningRate, seed).build();
  }

  /**
   * A run of {@code maxSteps} steps at peak rate {@code learningRate}; every opt setting starts at
   * the defaults above (warm-up 5% capped at 2000, a checkpoint every 5%), so callers name only
   * what they change.
   */
  public static Builder builder(long maxSteps, double learningRate, long seed) {
    return new Builder(maxSteps, learningRate, seed);
  }

  /** A builder holding this config's settings, to change a few. */
  public Builder toBuilder() {
    return builder(maxSteps, learningRate, seed)
        .optBatchSize(batchSize)
        .optGradAccumSteps(gradAccumSteps)
        .optWarmupSteps(warmupSteps)
        .optMinLearningRateRatio(minLearningRateRatio)
        .optWeightDecay(weightDecay)
        .optBetas(beta1, beta2)
        .optEpsilon(epsilon)
        .optGradClip(gradClip)
        .optCheckpointEvery(checkpointEvery)
        .optLogEvery(logEvery);
  }

  public static final class Builder {
    private final long maxSteps;
    private final double learningRate;
    private final long seed;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int gradAccumSteps = 1;
    private long warmupSteps;
    private double minLearningRateRatio = DEFAULT_MIN_LR_RATIO;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private double beta1 = DEFAULT_BETA1;
    private double beta2 = DEFAULT_BETA2;
    private double epsilon = DEFAULT_EPSILON;
    private double gradClip = DEFAULT_GRAD_CLIP;
    private long checkpointEvery;
    private int logEvery = 1;

    private Builder(long maxSteps, double learningRate, long seed) {
      this.maxSteps = maxSteps;
      this.learningRate = learningRate;
      this.seed = seed;
      long warmup = Math.min(MAX_DEFAULT_WARMUP, Math.round(maxSteps * DEFAULT_WARMUP_FRACTION));
      this.warmupSteps = Math.min(warmup, maxSteps - 1);
      this.checkpointEvery =
          Math.max(1, (maxSteps + DEFAULT_CHECKPOINTS - 1) / DEFAULT_CHECKPOINTS);
    }

    public Builder optBatchSize(int sequences) {
      this.batchSize = sequences;
      return this;
    }

    public Builder optGradAccumSteps(int steps) {
      this.gradAccumSteps = steps;
      return this;
    }

    public Builder optWarmupSteps(long steps) {
      this.warmupSteps = steps;
      return this;
    }

    public Builder optMinLearningRateRatio(double ratio) {
      this.minLearningRateRatio = ratio;
      return this;
    }

    public Builder optWeightDecay(double decay) {
      this.weightDecay = decay;
      return this;
    }

    public Builder optBetas(double first, double second) {
      this.beta1 = first;
      this.beta2 = second;
      return this;
    }

    public Builder optEpsilon(double value) {
      this.epsilon = value;
      return this;
    }

    public Builder optGradClip(double norm) {
      this.gradClip = norm;
      return this;
    }

    public Builder optCheckpointEvery(long steps) {
      this.checkpointEvery = steps;
      return this;
    }

    public Builder optLogEvery(int steps) {
      this.logEvery = steps;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(
          batchSize,
          gradAccumSteps,
          maxSteps,
          warmupSteps,
          learningRate,
          minLearningRateRatio,
          weightDecay,
          beta1,
          beta2,
          epsilon,
          gradClip,
          checkpointEvery,
          logEvery,
          seed);
    }
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  private static void unit(String field, double value, boolean closed) {
    if (!(value >= 0) || value > 1 || (!closed && value == 1)) {
      throw new IllegalArgumentException(
          field + " must lie in [0, 1" + (closed ? "]" : ")") + ", got " + value);
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

  /**
   * Whether a checkpoint is written after step {@code step} (1-based): every N steps and at the
   * end.
   */
  public boolean isCheckpointStep(long step) {
    return step % checkpointEvery == 0 || step == maxSteps;
  }

  /**
   * nanoGPT's schedule for 0-based step {@code step}: linear warm-up to the peak, then cosine decay
   * to min_learning_rate_ratio x peak at max_steps.
   */
  public double learningRateAt(long step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / (warmupSteps + 1);
    }
    double minimum = learningRate * minLearningRateRatio;
    double progress =
        Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, maxSteps - warmupSteps));
    return minimum + 0.5 * (1 + Math.cos(Math.PI * progress)) * (learningRate - minimum);
  }
}
