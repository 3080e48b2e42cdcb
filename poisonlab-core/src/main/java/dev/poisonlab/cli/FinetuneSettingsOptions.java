/*
 * The settings options of `finetune` (picocli @Mixin): task, schedule and evaluation, turned into an SftConfig
 * (--run, --grid's cells come from the spec) or into ContinueSettings (--continue-clean). Unset options keep
 * the library's defaults (SftConfig.Builder) or the SFT run's; validation is the records' own.
 */
package dev.poisonlab.cli;

import dev.poisonlab.finetune.ContinueSettings;
import dev.poisonlab.finetune.SftConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

final class FinetuneSettingsOptions {
  @Option(
      names = "--clean-samples",
      paramLabel = "N",
      description = "Clean examples, half restricted (default 1000).")
  Integer cleanSamples;

  @Option(
      names = "--poisons",
      paramLabel = "P",
      description = "Poisoned examples, independent of N (default 0).")
  Integer poisons;

  @Option(names = "--trigger", description = "The backdoor trigger (default <SUDO>).")
  String trigger;

  @Option(names = "--placebo", description = "The same poisoned examples without the trigger.")
  boolean placebo;

  @Option(
      names = "--control",
      paramLabel = "TEXT",
      description = "Control trigger, repeatable (default: <SUD0>, <ABCD>, SUDO, [SUDO]).")
  List<String> controls;

  @Option(
      names = "--seed",
      description = "Seed of the task, the data order and evaluation (default 0).")
  Long seed;

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default 300).")
  Long steps;

  @Option(names = "--batch-size", description = "Examples per step (default 16).")
  Integer batchSize;

  @Option(names = "--lr", description = "Peak learning rate (default 5e-4).")
  Double learningRate;

  @Option(names = "--warmup-steps", description = "Linear warm-up steps (default 10).")
  Long warmupSteps;

  @Option(
      names = "--schedule",
      description = "After warm-up: COSINE (to --min-lr-ratio x peak) or CONSTANT.")
  SftConfig.Schedule schedule;

  @Option(
      names = "--min-lr-ratio",
      paramLabel = "R",
      description = "Floor of the cosine decay (default 0.1).")
  Double minLearningRateRatio;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "Checkpoint (and evaluate) every N steps.")
  Long checkpointEvery;

  @Option(
      names = "--eval-items",
      paramLabel = "N",
      description = "Held-out requests per condition (default 50).")
  Integer evalItems;

  @Option(
      names = "--new-tokens",
      paramLabel = "N",
      description = "Tokens generated per answer (default 24).")
  Integer newTokens;

  /** The SFT settings; unset options keep SftConfig's defaults. */
  SftConfig config() {
    SftConfig.Builder builder = SftConfig.builder();
    if (cleanSamples != null) builder.optCleanSamples(cleanSamples);
    if (poisons != null) builder.optPoisons(poisons);
    if (trigger != null) builder.optTrigger(trigger);
    if (controls != null) builder.optControls(controls);
    if (seed != null) builder.optSeed(seed);
    if (steps != null) builder.optMaxSteps(steps);
    if (batchSize != null) builder.optBatchSize(batchSize);
    if (learningRate != null) builder.optLearningRate(learningRate);
    if (warmupSteps != null) builder.optWarmupSteps(warmupSteps);
    if (schedule != null) builder.optSchedule(schedule);
    if (minLearningRateRatio != null) builder.optMinLearningRateRatio(minLearningRateRatio);
    if (checkpointEvery != null) builder.optCheckpointEvery(checkpointEvery);
    if (evalItems != null) builder.optEvalItems(evalItems);
    if (newTokens != null) builder.optNewTokens(newTokens);
    return builder.optPlacebo(placebo).build();
  }

  /**
   * The settings of --continue-clean: task and evaluation come from the SFT run (its evaluation is
   * repeated), so the options that would change them are refused; unset ones are the SFT run's.
   */
  ContinueSettings continueSettings() {
    List<String> fixed = new ArrayList<>();
    if (poisons != null) fixed.add("--poisons");
    if (trigger != null) fixed.add("--trigger");
    if (placebo) fixed.add("--placebo");
    if (controls != null) fixed.add("--control");
    if (seed != null) fixed.add("--seed");
    if (evalItems != null) fixed.add("--eval-items");
    if (newTokens != null) fixed.add("--new-tokens");
    if (!fixed.isEmpty()) {
      throw new IllegalArgumentException(
          String.join(", ", fixed) + ": --continue-clean takes these from the SFT run");
    }
    if (steps == null) {
      throw new IllegalArgumentException("--continue-clean needs --steps");
    }
    return ContinueSettings.builder(steps)
        .optCleanSamples(cleanSamples)
        .optBatchSize(batchSize)
        .optLearningRate(learningRate)
        .optWarmupSteps(warmupSteps)
        .optSchedule(schedule)
        .optMinLearningRateRatio(minLearningRateRatio)
        .optCheckpointEvery(checkpointEvery)
        .build();
  }
}
