/*
 * What a persistence experiment asks for: which checkpoint of which poisoned run to continue, on which clean
 * stream, for how many steps, how often to evaluate, and the overrides of the continued schedule and of the
 * evaluation protocol. Validated on construction; null means "the default" as documented per component.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.EvalSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * @param parentRun the poisoned run directory (train's RUNDIR)
 * @param parentStep its checkpoint to continue from; null = the last one
 * @param cleanData a training stream without poisons, built with the parent's tokenizer
 * @param steps clean optimizer steps to train
 * @param evalEvery checkpoint and evaluate every N steps (and at step 0 and the last step); null =
 *     steps / 10
 * @param outDirectory the continued run directory; null = RUNDIR/continue
 * @param learningRate peak rate of the re-warmed schedule; null = the parent's peak rate
 * @param warmupSteps linear warm-up; null = the trainer's default (5% of steps)
 * @param minLearningRateRatio end of the cosine decay as a share of the peak (1 = constant); null =
 *     0.1
 * @param batchSize sequences per micro-batch; null = the parent's
 * @param gradAccumSteps micro-batches per step; null = the parent's
 * @param evalSettings the evaluation protocol (as `poisonlab eval`)
 * @param excerptsFile evaluation excerpts; null = the parent's held-out documents
 * @param runId run_id of the result rows; null = the pretraining run directory's name
 * @param dataMultiplier data_multiplier of the result rows; null = from the pretraining stream's
 *     manifest
 */
public record PersistenceRequest(
    Path parentRun,
    Long parentStep,
    Path cleanData,
    long steps,
    Long evalEvery,
    Path outDirectory,
    Double learningRate,
    Long warmupSteps,
    Double minLearningRateRatio,
    Integer batchSize,
    Integer gradAccumSteps,
    EvalSettings evalSettings,
    Path excerptsFile,
    String runId,
    Double dataMultiplier,
    String device,
    int threads) {

  /** Evaluations over the continuation when --eval-every is not given (plus step 0). */
  public static final int DEFAULT_EVALUATIONS = 10;

  public static final String DEFAULT_SUBDIRECTORY = "continue";

  public PersistenceRequest {
    Objects.requireNonNull(parentRun, "--run");
    Objects.requireNonNull(cleanData, "--data");
    Objects.requireNonNull(evalSettings, "eval settings");
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
    }
    if (parentStep != null && parentStep < 0) {
      throw new IllegalArgumentException("--from-step must be >= 0, got " + parentStep);
    }
    if (evalEvery != null && evalEvery < 1) {
      throw new IllegalArgumentException("--eval-every must be >= 1, got " + evalEvery);
    }
    if (runId != null && (runId.isBlank() || runId.contains("\n"))) {
      throw new IllegalArgumentException("--run-id must be a non-empty single line");
    }
    if (dataMultiplier != null && !(dataMultiplier > 0 && Double.isFinite(dataMultiplier))) {
      throw new IllegalArgumentException(
          "--data-multiplier must be a finite number > 0, got " + dataMultiplier);
    }
    outDirectory = outDirectory != null ? outDirectory : parentRun.resolve(DEFAULT_SUBDIRECTORY);
    device = device == null ? "cpu" : device;
  }

  /** Steps between evaluated checkpoints. */
  public long checkpointEvery() {
    return evalEvery != null
        ? evalEvery
        : Math.max(1, (steps + DEFAULT_EVALUATIONS - 1) / DEFAULT_EVALUATIONS);
  }

  /**
   * Continues {@code parentRun} on {@code cleanData} for {@code steps} steps, evaluated as {@code
   * evalSettings}; every opt setting starts at null (its documented default), device cpu, threads 0
   * (one per core).
   */
  public static Builder builder(
      Path parentRun, Path cleanData, long steps, EvalSettings evalSettings) {
    return new Builder(parentRun, cleanData, steps, evalSettings);
  }

  public static final class Builder {
    private final Path parentRun;
    private final Path cleanData;
    private final long steps;
    private final EvalSettings evalSettings;
    private Long parentStep;
    private Long evalEvery;
    private Path outDirectory;
    private Double learningRate;
    private Long warmupSteps;
    private Double minLearningRateRatio;
    private Integer batchSize;
    private Integer gradAccumSteps;
    private Path excerptsFile;
    private String runId;
    private Double dataMultiplier;
    private String device = "cpu";
    private int threads;

    private Builder(Path parentRun, Path cleanData, long steps, EvalSettings evalSettings) {
      this.parentRun = parentRun;
      this.cleanData = cleanData;
      this.steps = steps;
      this.evalSettings = evalSettings;
    }

    public Builder optParentStep(Long step) {
      this.parentStep = step;
      return this;
    }

    public Builder optEvalEvery(Long steps) {
      this.evalEvery = steps;
      return this;
    }

    public Builder optOutDirectory(Path directory) {
      this.outDirectory = directory;
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

    public Builder optMinLearningRateRatio(Double ratio) {
      this.minLearningRateRatio = ratio;
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

    public Builder optExcerptsFile(Path file) {
      this.excerptsFile = file;
      return this;
    }

    public Builder optRunId(String id) {
      this.runId = id;
      return this;
    }

    public Builder optDataMultiplier(Double multiplier) {
      this.dataMultiplier = multiplier;
      return this;
    }

    public Builder optDevice(String name) {
      this.device = name;
      return this;
    }

    public Builder optThreads(int count) {
      this.threads = count;
      return this;
    }

    public PersistenceRequest build() {
      return new PersistenceRequest(
          parentRun,
          parentStep,
          cleanData,
          steps,
          evalEvery,
          outDirectory,
          learningRate,
          warmupSteps,
          minLearningRateRatio,
          batchSize,
          gradAccumSteps,
          evalSettings,
          excerptsFile,
          runId,
          dataMultiplier,
          device,
          threads);
    }
  }
}
