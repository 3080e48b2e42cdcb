/*
 * What `poisonlab train` asks for: data, preset, run directory, and the optional overrides (null = the
 * default: steps from the data's token budget, checkpoints every 5%, the preset's learning rate, ...).
 * initialCheckpoint (null = random initialisation) starts a continued run from another run's weights.
 * How it runs (device, threads, the sequence log, the non-finite policy) is TrainOptions, kept apart because it
 * changes speed, side outputs or the failure policy, never results; it is not part of RunConfig. Build one with
 * builder().
 */
package dev.poisonlab.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param minLearningRateRatio where the cosine decay ends, as a share of the peak (1 = constant
 *     after warm-up)
 * @param initialCheckpoint a checkpoint directory of another run whose weights (not optimizer
 *     state) a new run starts from; recorded in config.json as the run's parent
 * @param options how the run executes; not part of the run's identity
 */
public record TrainRequest(
    Path dataDirectory,
    String preset,
    Path runDirectory,
    Long maxSteps,
    Long checkpointEvery,
    long seed,
    Integer batchSize,
    Integer gradAccumSteps,
    Double learningRate,
    Long warmupSteps,
    Integer logEvery,
    Double minLearningRateRatio,
    Path initialCheckpoint,
    TrainOptions options) {

  /** The initialisation seed when none is given (`train --seed`'s default). */
  public static final long DEFAULT_SEED = 1337;

  public TrainRequest {
    Objects.requireNonNull(dataDirectory, "--data");
    Objects.requireNonNull(preset, "--model");
    Objects.requireNonNull(runDirectory, "--out");
    options = options == null ? TrainOptions.DEFAULT : options;
    // checked here, before any work, so the CLI reports them as option errors (Trainer checks
    // again)
    requirePositive("--batch-size", batchSize);
    requirePositive("--grad-accum", gradAccumSteps);
    requirePositive("--max-steps", maxSteps);
    requirePositive("--checkpoint-every", checkpointEvery);
  }

  private static void requirePositive(String option, Number value) {
    if (value != null && value.longValue() <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
  }

  /**
   * A request for training {@code preset} on the stream in {@code data} into {@code runDirectory}.
   */
  public static Builder builder(Path data, String preset, Path runDirectory) {
    return new Builder(data, preset, runDirectory);
  }

  /** A builder holding this request's settings, to change a few. */
  public Builder toBuilder() {
    return builder(dataDirectory, preset, runDirectory)
        .optMaxSteps(maxSteps)
        .optCheckpointEvery(checkpointEvery)
        .optSeed(seed)
        .optBatchSize(batchSize)
        .optGradAccumSteps(gradAccumSteps)
        .optLearningRate(learningRate)
        .optWarmupSteps(warmupSteps)
        .optLogEvery(logEvery)
        .optDevice(options.device())
        .optThreads(options.threads())
        .optMinLearningRateRatio(minLearningRateRatio)
        .optInitialCheckpoint(initialCheckpoint)
        .optLogSequences(options.logSequences())
        .optSkipNonfinite(options.skipNonfinite());
  }

  /**
   * Every opt setting starts at its default, here and nowhere else: null (the trainer's own
   * default: steps from the budget, checkpoints every 5%, the preset's batch size and learning
   * rate, ...), seed 1337, device cpu, threads 0 (one per core), random initialisation, no sequence
   * log, stop at a non-finite step.
   */
  public static final class Builder {
    private final Path dataDirectory;
    private final String preset;
    private final Path runDirectory;
    private Long maxSteps;
    private Long checkpointEvery;
    private long seed = DEFAULT_SEED;
    private Integer batchSize;
    private Integer gradAccumSteps;
    private Double learningRate;
    private Long warmupSteps;
    private Integer logEvery;
    private String device = "cpu";
    private int threads;
    private Double minLearningRateRatio;
    private Path initialCheckpoint;
    private boolean logSequences;
    private boolean skipNonfinite;

    private Builder(Path dataDirectory, String preset, Path runDirectory) {
      this.dataDirectory = dataDirectory;
      this.preset = preset;
      this.runDirectory = runDirectory;
    }

    public Builder optMaxSteps(Long steps) {
      this.maxSteps = steps;
      return this;
    }

    public Builder optCheckpointEvery(Long steps) {
      this.checkpointEvery = steps;
      return this;
    }

    public Builder optSeed(long value) {
      this.seed = value;
      return this;
    }

    public Builder optBatchSize(Integer sequences) {
      this.batchSize = sequences;
      return this;
    }

    public Builder optGradAccumSteps(Integer steps) {
      this.gradAccumSteps = steps;
      return this;
    }

    public Builder optLearningRate(Double peak) {
      this.learningRate = peak;
      return this;
    }

    public Builder optWarmupSteps(Long steps) {
      this.warmupSteps = steps;
      return this;
    }

    public Builder optLogEvery(Integer steps) {
      this.logEvery = steps;
      return this;
    }

    public Builder optDevice(String name) {
      this.device = name;
      return this;
    }

    /** PyTorch intra-op threads; 0 = one per core. */
    public Builder optThreads(int count) {
      this.threads = count;
      return this;
    }

    public Builder optMinLearningRateRatio(Double ratio) {
      this.minLearningRateRatio = ratio;
      return this;
    }

    public Builder optInitialCheckpoint(Path checkpoint) {
      this.initialCheckpoint = checkpoint;
      return this;
    }

    public Builder optLogSequences(boolean on) {
      this.logSequences = on;
      return this;
    }

    public Builder optSkipNonfinite(boolean on) {
      this.skipNonfinite = on;
      return this;
    }

    public TrainRequest build() {
      return new TrainRequest(
          dataDirectory,
          preset,
          runDirectory,
          maxSteps,
          checkpointEvery,
          seed,
          batchSize,
          gradAccumSteps,
          learningRate,
          warmupSteps,
          logEvery,
          minLearningRateRatio,
          initialCheckpoint,
          new TrainOptions(device, threads, logSequences, skipNonfinite));
    }
  }
}
