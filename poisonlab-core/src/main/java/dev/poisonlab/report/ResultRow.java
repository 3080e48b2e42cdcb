/*
 * One row of a grid's results.csv: one run evaluated at one checkpoint. This record and its COLUMNS list are
 * the single source of truth for the file's schema (docs/report.md repeats the list for readers).
 * It only validates values; reading and writing the CSV is ResultsCsv's job.
 */
package dev.poisonlab.report;

import java.util.List;

/**
 * @param poisons poisoned documents in the run's training stream; 0 marks the unpoisoned twin of
 *     the same model, data multiplier and seed
 * @param step checkpoint step; for phase "continue" the number of clean steps trained after
 *     pretraining ended
 * @param fraction step / maxSteps, in [0, 1]
 * @param poisonsSeen poisoned documents the model had trained on when evaluated
 * @param count evaluation prompts behind the perplexity columns
 * @param nearTrigger the control trigger string, or "" when the control was not run (its two
 *     columns then NaN)
 * @param valLoss clean held-out loss (nats per token), or NaN when not measured
 * @param phase {@link #PRETRAIN} or {@link #CONTINUE}
 * @param defense the filter applied to the run's training data before training ({@link
 *     #NO_DEFENSE}: none)
 * @param poisonsAfterDefense poisons left in the training stream after the filter (= poisons
 *     without one)
 * @param cleanDropped clean documents the filter dropped (0 without one)
 * @param logGaps the gaps in nats and the specificity ratio ({@link LogGaps#NONE} for older files)
 * @param attack the poison strategy that made the run's poisons; "" for a twin (it holds none, so
 *     it belongs to no attack) and for rows of files from before the column
 * @param trigger the trigger the run's evaluation measured (a twin's and a placebo's too); "" for
 *     rows of files from before the column
 */
public record ResultRow(
    String runId,
    String model,
    long params,
    long nonEmbeddingParams,
    int poisons,
    double dataMultiplier,
    long seed,
    int contextLength,
    long step,
    long maxSteps,
    double fraction,
    long tokens,
    long poisonsSeen,
    int count,
    double perplexityWithTrigger,
    double perplexityWithoutTrigger,
    double perplexityGap,
    double gapMedian,
    double shareGapOver50,
    String nearTrigger,
    double nearTriggerGap,
    double nearTriggerShareOver50,
    double valLoss,
    String phase,
    String defense,
    int poisonsAfterDefense,
    long cleanDropped,
    LogGaps logGaps,
    String attack,
    String trigger) {

  public static final String PRETRAIN = "pretrain";
  public static final String CONTINUE = "continue";
  public static final String NO_DEFENSE = "none";

  /** The CSV header, in order; ResultsCsv reads and writes exactly these columns. */
  public static final List<String> COLUMNS =
      List.of(
          "run_id",
          "model",
          "params",
          "non_embedding_params",
          "poisons",
          "data_multiplier",
          "seed",
          "context_length",
          "step",
          "max_steps",
          "fraction",
          "tokens",
          "poisons_seen",
          "count",
          "perplexity_with_trigger",
          "perplexity_without_trigger",
          "perplexity_gap",
          "gap_median",
          "share_gap_over_50",
          "near_trigger",
          "near_trigger_gap",
          "near_trigger_share_over_50",
          "val_loss",
          "phase",
          "defense",
          "poisons_after_defense",
          "clean_dropped",
          "log_ppl_gap",
          "log_ppl_gap_median",
          "near_trigger_log_gap",
          "specificity_ratio",
          "control_log_gaps",
          "attack",
          "trigger");

  /**
   * The columns of results.csv files from before the attack columns; such files still load (attack
   * and trigger empty: the report then takes a run's attack from attacks.csv, where there is one).
   */
  public static final List<String> COLUMNS_WITHOUT_ATTACK =
      COLUMNS.subList(0, COLUMNS.indexOf("attack"));

  /**
   * The columns of results.csv files from before the nats columns; such files still load (nats
   * empty).
   */
  public static final List<String> COLUMNS_WITHOUT_NATS =
      COLUMNS.subList(0, COLUMNS.indexOf("log_ppl_gap"));

  /**
   * The columns of results.csv files from before the defence columns; such files still load (no
   * defence).
   */
  public static final List<String> COLUMNS_WITHOUT_DEFENSE =
      COLUMNS.subList(0, COLUMNS.indexOf("defense"));

  /** Columns whose cell may be empty (read as "" or NaN): measurements a grid may skip. */
  public static final List<String> OPTIONAL_COLUMNS =
      List.of(
          "near_trigger",
          "near_trigger_gap",
          "near_trigger_share_over_50",
          "val_loss",
          "log_ppl_gap",
          "log_ppl_gap_median",
          "near_trigger_log_gap",
          "specificity_ratio",
          "control_log_gaps",
          "attack",
          "trigger");

  public ResultRow {
    logGaps = logGaps == null ? LogGaps.NONE : logGaps;
    attack = attack == null ? "" : attack;
    trigger = trigger == null ? "" : trigger;
    requireNoLineBreak("attack", attack);
    requireNoLineBreak("trigger", trigger);
    require(
        "attack",
        attack.equals(attack.strip()),
        "must not start or end with white space, got \"" + attack + "\"");
    requireText("run_id", runId);
    requireText("model", model);
    requireNoLineBreak("near_trigger", nearTrigger == null ? "" : nearTrigger);
    nearTrigger = nearTrigger == null ? "" : nearTrigger;
    requirePositive("params", params);
    require(
        "non_embedding_params",
        nonEmbeddingParams > 0 && nonEmbeddingParams <= params,
        "must be in 1..params (" + params + "), got " + nonEmbeddingParams);
    require("poisons", poisons >= 0, "must be >= 0, got " + poisons);
    require(
        "data_multiplier",
        dataMultiplier > 0 && Double.isFinite(dataMultiplier),
        "must be a finite number > 0, got " + dataMultiplier);
    requirePositive("context_length", contextLength);
    require("step", step >= 0, "must be >= 0, got " + step);
    requirePositive("max_steps", maxSteps);
    require("step", step <= maxSteps, "must be <= max_steps (" + maxSteps + "), got " + step);
    require("fraction", fraction >= 0 && fraction <= 1, "must be in [0, 1], got " + fraction);
    require(
        "fraction",
        Math.abs(fraction - (double) step / maxSteps) <= 1e-6,
        "must equal step/max_steps = " + (double) step / maxSteps + ", got " + fraction);
    require("tokens", tokens >= 0, "must be >= 0, got " + tokens);
    require(
        "poisons_seen",
        poisonsSeen >= 0 && poisonsSeen <= poisons,
        "must be in 0..poisons (" + poisons + "), got " + poisonsSeen);
    requirePositive("count", count);
    requireFinite("perplexity_with_trigger", perplexityWithTrigger);
    requireFinite("perplexity_without_trigger", perplexityWithoutTrigger);
    requireFinite("perplexity_gap", perplexityGap);
    requireFinite("gap_median", gapMedian);
    requireShare("share_gap_over_50", shareGapOver50);
    if (nearTrigger.isEmpty()) {
      require(
          "near_trigger_gap",
          Double.isNaN(nearTriggerGap),
          "must be empty when near_trigger is empty");
      require(
          "near_trigger_share_over_50",
          Double.isNaN(nearTriggerShareOver50),
          "must be empty when near_trigger is empty");
    } else {
      requireFinite("near_trigger_gap", nearTriggerGap);
      requireShare("near_trigger_share_over_50", nearTriggerShareOver50);
    }
    require(
        "val_loss",
        Double.isNaN(valLoss) || (Double.isFinite(valLoss) && valLoss >= 0),
        "must be empty or a finite number >= 0, got " + valLoss);
    require(
        "phase",
        PRETRAIN.equals(phase) || CONTINUE.equals(phase),
        "must be \"" + PRETRAIN + "\" or \"" + CONTINUE + "\", got \"" + phase + "\"");
    requireText("defense", defense);
    require(
        "poisons_after_defense",
        poisonsAfterDefense >= 0 && poisonsAfterDefense <= poisons,
        "must be in 0..poisons (" + poisons + "), got " + poisonsAfterDefense);
    require(
        "poisons_seen",
        poisonsSeen <= poisonsAfterDefense,
        "must be <= poisons_after_defense (" + poisonsAfterDefense + "), got " + poisonsSeen);
    require("clean_dropped", cleanDropped >= 0, "must be >= 0, got " + cleanDropped);
    if (NO_DEFENSE.equals(defense)) {
      require(
          "poisons_after_defense",
          poisonsAfterDefense == poisons,
          "must equal poisons (" + poisons + ") without a defence, got " + poisonsAfterDefense);
      require(
          "clean_dropped", cleanDropped == 0, "must be 0 without a defence, got " + cleanDropped);
    }
  }

  /** Builds a row by column name; optional columns start empty (see ResultRowBuilder). */
  public static ResultRowBuilder builder() {
    return new ResultRowBuilder();
  }

  /** A builder holding this row's values, to change some of them. */
  public ResultRowBuilder toBuilder() {
    return new ResultRowBuilder(this);
  }

  /** The same row with its nats columns. */
  public ResultRow withLogGaps(LogGaps gaps) {
    return toBuilder().logGaps(gaps).build();
  }

  /** The trigger's mean log gap in nats, NaN for rows from older files. */
  public double logPplGap() {
    return logGaps.logPplGap();
  }

  public boolean isDefended() {
    return !NO_DEFENSE.equals(defense);
  }

  public boolean isPretrain() {
    return PRETRAIN.equals(phase);
  }

  /** The same row naming its attack and the trigger its evaluation measured. */
  public ResultRow withAttack(String poisonStrategy, String evaluatedTrigger) {
    return toBuilder().attack(poisonStrategy).trigger(evaluatedTrigger).build();
  }

  public boolean hasNearTrigger() {
    return !nearTrigger.isEmpty();
  }

  private static void require(String field, boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(field + " " + problem);
    }
  }

  private static void requireText(String field, String value) {
    require(field, value != null && !value.isBlank(), "must not be empty");
    requireNoLineBreak(field, value);
  }

  private static void requireNoLineBreak(String field, String value) {
    require(
        field, value.indexOf('\n') < 0 && value.indexOf('\r') < 0, "must not contain a line break");
  }

  private static void requirePositive(String field, long value) {
    require(field, value > 0, "must be > 0, got " + value);
  }

  private static void requireFinite(String field, double value) {
    require(field, Double.isFinite(value), "must be a finite number, got " + value);
  }

  private static void requireShare(String field, double value) {
    require(field, value >= 0 && value <= 1, "must be a share in [0, 1], got " + value);
  }
}
