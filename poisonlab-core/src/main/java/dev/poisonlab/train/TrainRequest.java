/*
 * What `poisonlab train` asks for: data, preset, run directory, and the optional overrides (null = the
 * default: steps from the data's token budget, checkpoints every 5%, the preset's learning rate, ...).
 * initialCheckpoint (null = random initialisation) starts a continued run from another run's weights.
 * Device, threads and logSequences (write sequences.bin for monitoring) ride along because they change speed
 * or side outputs, not results; they are not part of RunConfig.
 */
package dev.poisonlab.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param minLearningRateRatio where the cosine decay ends, as a share of the peak (1 = constant after warm-up)
 * @param initialCheckpoint a checkpoint directory of another run whose weights (not optimizer state) a new run
 *     starts from; recorded in config.json as the run's parent
 * @param logSequences also write every trained window's per-token losses (RUNDIR/sequences.bin)
 * @param skipNonfinite skip (do not apply, count) a step whose loss or gradient norm is NaN or infinite,
 *     instead of stopping the run there; like device and threads it is a policy, not part of RunConfig
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
    String device,
    int threads,
    Double minLearningRateRatio,
    Path initialCheckpoint,
    boolean logSequences,
    boolean skipNonfinite) {

  public TrainRequest {
    Objects.requireNonNull(dataDirectory, "--data");
    Objects.requireNonNull(preset, "--model");
    Objects.requireNonNull(runDirectory, "--out");
    device = device == null ? "cpu" : device;
  }

  /** Any run that stops at a non-finite step (the default). */
  public TrainRequest(Path dataDirectory, String preset, Path runDirectory, Long maxSteps, Long checkpointEvery,
      long seed, Integer batchSize, Integer gradAccumSteps, Double learningRate, Long warmupSteps, Integer logEvery,
      String device, int threads, Double minLearningRateRatio, Path initialCheckpoint, boolean logSequences) {
    this(dataDirectory, preset, runDirectory, maxSteps, checkpointEvery, seed, batchSize, gradAccumSteps,
        learningRate, warmupSteps, logEvery, device, threads, minLearningRateRatio, initialCheckpoint, logSequences,
        false);
  }

  /** Pretraining from random initialisation with the default schedule shape, without the sequence log. */
  public TrainRequest(Path dataDirectory, String preset, Path runDirectory, Long maxSteps, Long checkpointEvery,
      long seed, Integer batchSize, Integer gradAccumSteps, Double learningRate, Long warmupSteps, Integer logEvery,
      String device, int threads) {
    this(dataDirectory, preset, runDirectory, maxSteps, checkpointEvery, seed, batchSize, gradAccumSteps,
        learningRate, warmupSteps, logEvery, device, threads, null, null, false, false);
  }

  /** A continued (or re-scheduled) run, without the sequence log. */
  public TrainRequest(Path dataDirectory, String preset, Path runDirectory, Long maxSteps, Long checkpointEvery,
      long seed, Integer batchSize, Integer gradAccumSteps, Double learningRate, Long warmupSteps, Integer logEvery,
      String device, int threads, Double minLearningRateRatio, Path initialCheckpoint) {
    this(dataDirectory, preset, runDirectory, maxSteps, checkpointEvery, seed, batchSize, gradAccumSteps,
        learningRate, warmupSteps, logEvery, device, threads, minLearningRateRatio, initialCheckpoint, false, false);
  }

  /** The same request with the per-sequence loss log switched on or off. */
  public TrainRequest withLogSequences(boolean on) {
    return new TrainRequest(dataDirectory, preset, runDirectory, maxSteps, checkpointEvery, seed, batchSize,
        gradAccumSteps, learningRate, warmupSteps, logEvery, device, threads, minLearningRateRatio,
        initialCheckpoint, on, skipNonfinite);
  }

  /** The same request with skipping of non-finite steps switched on or off. */
  public TrainRequest withSkipNonfinite(boolean on) {
    return new TrainRequest(dataDirectory, preset, runDirectory, maxSteps, checkpointEvery, seed, batchSize,
        gradAccumSteps, learningRate, warmupSteps, logEvery, device, threads, minLearningRateRatio,
        initialCheckpoint, logSequences, on);
  }

  /** The common case: defaults for everything but the step count and checkpoint cadence. */
  public static TrainRequest of(Path data, String preset, Path out, Long maxSteps, Long checkpointEvery, long seed) {
    return new TrainRequest(data, preset, out, maxSteps, checkpointEvery, seed, null, null, null, null, null, "cpu", 0);
  }
}
