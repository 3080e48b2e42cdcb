/*
 * Builds a ResultRow by column name instead of by 30 positions; ResultRow.builder() and toBuilder() hand one
 * out. Columns a run may not have start empty: no near trigger (its gaps NaN), no val_loss, phase pretrain, no
 * defence (poisons_after_defense = poisons, clean_dropped 0), no nats columns, no attack and no trigger.
 * ResultRow validates in build(); reading and writing results.csv stays ResultsCsv's job.
 */
package dev.poisonlab.report;

public final class ResultRowBuilder {
  private String runId;
  private String model;
  private long params;
  private long nonEmbeddingParams;
  private int poisons;
  private double dataMultiplier;
  private long seed;
  private int contextLength;
  private long step;
  private long maxSteps;
  private double fraction;
  private long tokens;
  private long poisonsSeen;
  private int count;
  private double perplexityWithTrigger;
  private double perplexityWithoutTrigger;
  private double perplexityGap;
  private double gapMedian;
  private double shareGapOver50;
  private String nearTrigger = "";
  private double nearTriggerGap = Double.NaN;
  private double nearTriggerShareOver50 = Double.NaN;
  private double valLoss = Double.NaN;
  private String phase = ResultRow.PRETRAIN;
  private String defense = ResultRow.NO_DEFENSE;
  private Integer poisonsAfterDefense;
  private long cleanDropped;
  private LogGaps logGaps = LogGaps.NONE;
  private String attack = "";
  private String trigger = "";

  ResultRowBuilder() {}

  ResultRowBuilder(ResultRow row) {
    runId = row.runId();
    model = row.model();
    params = row.params();
    nonEmbeddingParams = row.nonEmbeddingParams();
    poisons = row.poisons();
    dataMultiplier = row.dataMultiplier();
    seed = row.seed();
    contextLength = row.contextLength();
    step = row.step();
    maxSteps = row.maxSteps();
    fraction = row.fraction();
    tokens = row.tokens();
    poisonsSeen = row.poisonsSeen();
    count = row.count();
    perplexityWithTrigger = row.perplexityWithTrigger();
    perplexityWithoutTrigger = row.perplexityWithoutTrigger();
    perplexityGap = row.perplexityGap();
    gapMedian = row.gapMedian();
    shareGapOver50 = row.shareGapOver50();
    nearTrigger = row.nearTrigger();
    nearTriggerGap = row.nearTriggerGap();
    nearTriggerShareOver50 = row.nearTriggerShareOver50();
    valLoss = row.valLoss();
    phase = row.phase();
    defense = row.defense();
    poisonsAfterDefense = row.poisonsAfterDefense();
    cleanDropped = row.cleanDropped();
    logGaps = row.logGaps();
    attack = row.attack();
    trigger = row.trigger();
  }

  public ResultRowBuilder runId(String value) {
    this.runId = value;
    return this;
  }

  public ResultRowBuilder model(String value) {
    this.model = value;
    return this;
  }

  public ResultRowBuilder params(long value) {
    this.params = value;
    return this;
  }

  public ResultRowBuilder nonEmbeddingParams(long value) {
    this.nonEmbeddingParams = value;
    return this;
  }

  public ResultRowBuilder poisons(int value) {
    this.poisons = value;
    return this;
  }

  public ResultRowBuilder dataMultiplier(double value) {
    this.dataMultiplier = value;
    return this;
  }

  public ResultRowBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  public ResultRowBuilder contextLength(int value) {
    this.contextLength = value;
    return this;
  }

  public ResultRowBuilder step(long value) {
    this.step = value;
    return this;
  }

  public ResultRowBuilder maxSteps(long value) {
    this.maxSteps = value;
    return this;
  }

  public ResultRowBuilder fraction(double value) {
    this.fraction = value;
    return this;
  }

  public ResultRowBuilder tokens(long value) {
    this.tokens = value;
    return this;
  }

  public ResultRowBuilder poisonsSeen(long value) {
    this.poisonsSeen = value;
    return this;
  }

  public ResultRowBuilder count(int value) {
    this.count = value;
    return this;
  }

  public ResultRowBuilder perplexityWithTrigger(double value) {
    this.perplexityWithTrigger = value;
    return this;
  }

  public ResultRowBuilder perplexityWithoutTrigger(double value) {
    this.perplexityWithoutTrigger = value;
    return this;
  }

  public ResultRowBuilder perplexityGap(double value) {
    this.perplexityGap = value;
    return this;
  }

  public ResultRowBuilder gapMedian(double value) {
    this.gapMedian = value;
    return this;
  }

  public ResultRowBuilder shareGapOver50(double value) {
    this.shareGapOver50 = value;
    return this;
  }

  /** The first control trigger; left unset, none ("", its two columns NaN). */
  public ResultRowBuilder nearTrigger(String value) {
    this.nearTrigger = value;
    return this;
  }

  public ResultRowBuilder nearTriggerGap(double value) {
    this.nearTriggerGap = value;
    return this;
  }

  public ResultRowBuilder nearTriggerShareOver50(double value) {
    this.nearTriggerShareOver50 = value;
    return this;
  }

  /** Clean held-out loss; left unset, not measured (NaN). */
  public ResultRowBuilder valLoss(double value) {
    this.valLoss = value;
    return this;
  }

  /** {@link ResultRow#PRETRAIN} (unset) or {@link ResultRow#CONTINUE}. */
  public ResultRowBuilder phase(String value) {
    this.phase = value;
    return this;
  }

  /** The run's filter-then-train defence; left unset, {@link ResultRow#NO_DEFENSE}. */
  public ResultRowBuilder defense(String value) {
    this.defense = value;
    return this;
  }

  /** Poisons left after the defence; left unset, all of {@code poisons}. */
  public ResultRowBuilder poisonsAfterDefense(int value) {
    this.poisonsAfterDefense = value;
    return this;
  }

  public ResultRowBuilder cleanDropped(long value) {
    this.cleanDropped = value;
    return this;
  }

  /** The nats columns; left unset, {@link LogGaps#NONE} (a row from before them). */
  public ResultRowBuilder logGaps(LogGaps value) {
    this.logGaps = value;
    return this;
  }

  /** The poison strategy of the run; left unset (or for a twin), "". */
  public ResultRowBuilder attack(String value) {
    this.attack = value;
    return this;
  }

  /** The trigger the run's evaluation measured; left unset, "" (a row from before the column). */
  public ResultRowBuilder trigger(String value) {
    this.trigger = value;
    return this;
  }

  public ResultRow build() {
    return new ResultRow(
        runId,
        model,
        params,
        nonEmbeddingParams,
        poisons,
        dataMultiplier,
        seed,
        contextLength,
        step,
        maxSteps,
        fraction,
        tokens,
        poisonsSeen,
        count,
        perplexityWithTrigger,
        perplexityWithoutTrigger,
        perplexityGap,
        gapMedian,
        shareGapOver50,
        nearTrigger,
        nearTriggerGap,
        nearTriggerShareOver50,
        valLoss,
        phase,
        defense,
        poisonsAfterDefense == null ? poisons : poisonsAfterDefense,
        cleanDropped,
        logGaps,
        attack,
        trigger);
  }
}
