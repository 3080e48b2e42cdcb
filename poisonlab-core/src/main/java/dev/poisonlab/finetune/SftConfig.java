/*
 * Everything that decides an SFT run's numbers besides the pretrained weights: the task (clean set size,
 * poisons, trigger or placebo, seed), the schedule (steps, batch, peak rate, warm-up, cosine or constant) and
 * the evaluation protocol (items, new tokens, control triggers). Defaults live only in Builder. Written to
 * config.json; a resume must present an equal one. Device and threads are not here: they change speed only.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.train.TrainConfig;
import java.util.List;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SftConfig(
    int cleanSamples,
    int poisons,
    String trigger,
    boolean placebo,
    long seed,
    long maxSteps,
    int batchSize,
    double learningRate,
    long warmupSteps,
    Schedule schedule,
    double minLearningRateRatio,
    long checkpointEvery,
    int evalItems,
    int newTokens,
    List<String> controls) {

  /**
   * Learning rate after warm-up: cosine decay to min_learning_rate_ratio x peak, or constant at the
   * peak.
   */
  public enum Schedule {
    COSINE,
    CONSTANT
  }

  public SftConfig {
    if (cleanSamples < 0 || poisons < 0 || cleanSamples + poisons == 0) {
      throw new IllegalArgumentException("need clean_samples >= 0 and poisons >= 0, not both 0");
    }
    if (trigger == null || trigger.isBlank()) {
      throw new IllegalArgumentException("trigger must be a non-blank string");
    }
    Objects.requireNonNull(schedule, "schedule");
    if (evalItems < 1 || newTokens < 1) {
      throw new IllegalArgumentException("eval_items and new_tokens must be positive");
    }
    controls = List.copyOf(controls);
    // validates the schedule with TrainConfig's own messages (fields are not assigned yet: pass the
    // values)
    trainConfig(
        batchSize,
        maxSteps,
        warmupSteps,
        learningRate,
        schedule,
        minLearningRateRatio,
        checkpointEvery,
        seed);
  }

  /**
   * The optimiser settings in the trainer's terms (AdamW and checkpoints take a TrainConfig): one
   * micro-batch per step, TrainConfig's AdamW defaults; a constant schedule is a cosine whose floor
   * is the peak.
   */
  public TrainConfig trainConfig() {
    return trainConfig(
        batchSize,
        maxSteps,
        warmupSteps,
        learningRate,
        schedule,
        minLearningRateRatio,
        checkpointEvery,
        seed);
  }

  private static TrainConfig trainConfig(
      int batchSize,
      long maxSteps,
      long warmupSteps,
      double learningRate,
      Schedule schedule,
      double minLearningRateRatio,
      long checkpointEvery,
      long seed) {
    return TrainConfig.builder(maxSteps, learningRate, seed)
        .optBatchSize(batchSize)
        .optWarmupSteps(warmupSteps)
        .optMinLearningRateRatio(schedule == Schedule.CONSTANT ? 1.0 : minLearningRateRatio)
        .optCheckpointEvery(checkpointEvery)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Defaults: 1000 clean samples, no poisons, <SUDO>, 300 steps of 16 at 5e-4, 10 warm-up, cosine.
   */
  public static final class Builder {
    private int cleanSamples = 1000;
    private int poisons = 0;
    private String trigger = "<SUDO>";
    private boolean placebo = false;
    private long seed = 0;
    private long maxSteps = 300;
    private int batchSize = 16;
    private double learningRate = 5e-4;
    private long warmupSteps = 10;
    private Schedule schedule = Schedule.COSINE;
    private double minLearningRateRatio = 0.1;
    private Long checkpointEvery;
    private int evalItems = 50;
    private int newTokens = 24;
    private List<String> controls = List.of("<SUD0>", "<ABCD>", "SUDO", "[SUDO]");

    public Builder optCleanSamples(int value) {
      cleanSamples = value;
      return this;
    }

    public Builder optPoisons(int value) {
      poisons = value;
      return this;
    }

    public Builder optTrigger(String value) {
      trigger = value;
      return this;
    }

    public Builder optPlacebo(boolean value) {
      placebo = value;
      return this;
    }

    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    public Builder optMaxSteps(long value) {
      maxSteps = value;
      return this;
    }

    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder optLearningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder optWarmupSteps(long value) {
      warmupSteps = value;
      return this;
    }

    public Builder optSchedule(Schedule value) {
      schedule = value;
      return this;
    }

    public Builder optMinLearningRateRatio(double value) {
      minLearningRateRatio = value;
      return this;
    }

    /** Default: 5 checkpoints over the run (the last step always gets one). */
    public Builder optCheckpointEvery(long value) {
      checkpointEvery = value;
      return this;
    }

    public Builder optEvalItems(int value) {
      evalItems = value;
      return this;
    }

    public Builder optNewTokens(int value) {
      newTokens = value;
      return this;
    }

    public Builder optControls(List<String> value) {
      controls = value;
      return this;
    }

    public SftConfig build() {
      long every = checkpointEvery != null ? checkpointEvery : Math.max(1, (maxSteps + 4) / 5);
      return new SftConfig(
          cleanSamples,
          poisons,
          trigger,
          placebo,
          seed,
          maxSteps,
          batchSize,
          learningRate,
          Math.min(warmupSteps, Math.max(0, maxSteps - 1)),
          schedule,
          minLearningRateRatio,
          every,
          evalItems,
          newTokens,
          controls);
    }
  }
}
