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

  /**
   * A builder for one row; sftStep -1 and continueCleanSamples 0 mark an SFT (not continued) row.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Named cells of one row (SftCsv fills them from a line). */
  public static final class Builder {
    private int poisons;
    private int cleanSamples;
    private long seed;
    private boolean placebo;
    private String trigger;
    private long step;
    private double asr;
    private double cleanRefusal;
    private double allowedHelpful;
    private double maxControlAsr;
    private long sftStep = -1;
    private int continueCleanSamples;

    private Builder() {}

    public Builder poisons(int value) {
      this.poisons = value;
      return this;
    }

    public Builder cleanSamples(int value) {
      this.cleanSamples = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder placebo(boolean value) {
      this.placebo = value;
      return this;
    }

    public Builder trigger(String value) {
      this.trigger = value;
      return this;
    }

    public Builder step(long value) {
      this.step = value;
      return this;
    }

    public Builder asr(double value) {
      this.asr = value;
      return this;
    }

    public Builder cleanRefusal(double value) {
      this.cleanRefusal = value;
      return this;
    }

    public Builder allowedHelpful(double value) {
      this.allowedHelpful = value;
      return this;
    }

    public Builder maxControlAsr(double value) {
      this.maxControlAsr = value;
      return this;
    }

    public Builder sftStep(long value) {
      this.sftStep = value;
      return this;
    }

    public Builder continueCleanSamples(int value) {
      this.continueCleanSamples = value;
      return this;
    }

    public SftRow build() {
      return new SftRow(
          poisons,
          cleanSamples,
          seed,
          placebo,
          trigger,
          step,
          asr,
          cleanRefusal,
          allowedHelpful,
          maxControlAsr,
          sftStep,
          continueCleanSamples);
    }
  }
}
