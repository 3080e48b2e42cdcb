/*
 * One row of a fine-tuning grid: a checkpoint of an SFT run (results.csv, written by finetune.SftRun) or of
 * its further clean training (persistence.csv, finetune.SftContinuation: sftStep and continueCleanSamples set,
 * step counted from the end of SFT). Shares are in [0, 1]. Parsing is SftCsv's; this is only the value.
 */
package dev.poisonlab.report;

import java.util.List;

public record SftRow(
    int poisons,
    int cleanSamples,
    long seed,
    boolean placebo,
    String trigger,
    long step,
    double asr,
    double cleanRefusal,
    double allowedHelpful,
    double maxControlAsr,
    long sftStep,
    int continueCleanSamples) {

  /** Columns of results.csv, as finetune.SftRun writes them. */
  static final List<String> SFT_COLUMNS =
      List.of(
          "poisons",
          "clean_samples",
          "seed",
          "placebo",
          "trigger",
          "step",
          "asr",
          "clean_refusal",
          "allowed_helpful",
          "max_control_asr");

  /** Columns of persistence.csv, as finetune.SftContinuation writes them. */
  static final List<String> CONTINUE_COLUMNS =
      List.of(
          "poisons",
          "clean_samples",
          "seed",
          "placebo",
          "trigger",
          "sft_step",
          "continue_clean_samples",
          "step",
          "asr",
          "clean_refusal",
          "allowed_helpful",
          "max_control_asr");

  /** The grid cell a row belongs to (seeds are the repeats within it). */
  public record Cell(int cleanSamples, int poisons, boolean placebo) {}

  public Cell cell() {
    return new Cell(cleanSamples, poisons, placebo);
  }

  /** The SFT run directory's name under runs/, as finetune.SftGridSpec names it. */
  public String runName() {
    return "c" + cleanSamples + "-p" + poisons + "-s" + seed + (placebo ? "-placebo" : "");
  }
}
