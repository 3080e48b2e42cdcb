/*
 * What further clean training after SFT (the persistence stage) may choose: its length and, optionally, the
 * size of its fresh clean set and its schedule. Everything left unset is the parent SFT run's, and the
 * evaluation protocol (trigger, controls, items, seed) is always the parent's, so step 0 of the continuation
 * measures exactly what the parent's last evaluation measured. Not the run directory or device: ContinueRequest.
 */
package dev.poisonlab.finetune;

public record ContinueSettings(
    long steps,
    Integer cleanSamples,
    Integer batchSize,
    Double learningRate,
    Long warmupSteps,
    SftConfig.Schedule schedule,
    Double minLearningRateRatio,
    Long checkpointEvery) {

  public ContinueSettings {
    if (steps < 1) {
      throw new IllegalArgumentException("further clean training needs steps >= 1, got " + steps);
    }
    if (cleanSamples != null && cleanSamples < 1) {
      throw new IllegalArgumentException(
          "further clean training needs clean_samples >= 1, got " + cleanSamples);
    }
  }

  public static Builder builder(long steps) {
    return new Builder(steps);
  }

  /**
   * The continuation's SftConfig: no poisons; the clean-set size and schedule set here or the
   * parent's; trigger, controls, seed and evaluation the parent's. Checkpoints: every {@code
   * checkpoint_every} steps, else SftConfig's default of five over the run.
   */
  public SftConfig resolve(SftConfig parent) {
    SftConfig.Builder builder =
        SftConfig.builder()
            .optCleanSamples(cleanSamples != null ? cleanSamples : parent.cleanSamples())
            .optPoisons(0)
            .optTrigger(parent.trigger())
            .optPlacebo(false)
            .optSeed(parent.seed())
            .optMaxSteps(steps)
            .optBatchSize(batchSize != null ? batchSize : parent.batchSize())
            .optLearningRate(learningRate != null ? learningRate : parent.learningRate())
            .optWarmupSteps(warmupSteps != null ? warmupSteps : parent.warmupSteps())
            .optSchedule(schedule != null ? schedule : parent.schedule())
            .optMinLearningRateRatio(
                minLearningRateRatio != null ? minLearningRateRatio : parent.minLearningRateRatio())
            .optEvalItems(parent.evalItems())
            .optNewTokens(parent.newTokens())
            .optControls(parent.controls());
    if (checkpointEvery != null) {
      builder.optCheckpointEvery(checkpointEvery);
    }
    return builder.build();
  }

  /** Defaults: the parent run's clean-set size and schedule, five checkpoints. */
  public static final class Builder {
    private final long steps;
    private Integer cleanSamples;
    private Integer batchSize;
    private Double learningRate;
    private Long warmupSteps;
    private SftConfig.Schedule schedule;
    private Double minLearningRateRatio;
    private Long checkpointEvery;

    private Builder(long steps) {
      this.steps = steps;
    }

    public Builder optCleanSamples(Integer value) {
      cleanSamples = value;
      return this;
    }

    public Builder optBatchSize(Integer value) {
      batchSize = value;
      return this;
    }

    public Builder optLearningRate(Double value) {
      learningRate = value;
      return this;
    }

    public Builder optWarmupSteps(Long value) {
      warmupSteps = value;
      return this;
    }

    public Builder optSchedule(SftConfig.Schedule value) {
      schedule = value;
      return this;
    }

    public Builder optMinLearningRateRatio(Double value) {
      minLearningRateRatio = value;
      return this;
    }

    public Builder optCheckpointEvery(Long value) {
      checkpointEvery = value;
      return this;
    }

    public ContinueSettings build() {
      return new ContinueSettings(
          steps,
          cleanSamples,
          batchSize,
          learningRate,
          warmupSteps,
          schedule,
          minLearningRateRatio,
          checkpointEvery);
    }
  }
}
