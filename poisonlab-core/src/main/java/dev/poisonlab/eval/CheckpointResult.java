/*
 * One evaluated checkpoint, as a row of eval.json and curve.csv: where it sits in training, the lengths that
 * were used (context length recorded with every result: with a short context only the window holding the
 * trigger sees it), perplexity with and without the trigger, the gap (perplexity and nats) and collapse rate,
 * the controls with their specificity ratios, and the clean validation loss. Field names are snake_case in JSON;
 * the nats fields are null in eval.json files written before they existed.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckpointResult(
    long step,
    double trainingFraction,
    long tokensSeen,
    long poisonsSeen,
    int contextLength,
    int promptTokens,
    int newTokens,
    int count,
    double perplexityWithoutTrigger,
    double perplexityWithoutTriggerMedian,
    double perplexityWithTrigger,
    double perplexityWithTriggerMedian,
    double perplexityGap,
    double perplexityGapMedian,
    double collapseRate,
    Double nearTriggerGap,
    Double nearTriggerCollapseRate,
    List<TriggerStatistics> controls,
    Double valLoss,
    long valTokens,
    Double logPplGap,
    Double logPplGapMedian,
    Double nearTriggerLogGap,
    Double maxSpecificityRatio) {

  public CheckpointResult {
    controls = List.copyOf(controls);
  }

  /**
   * The largest control/trigger ratio of log gaps (the least specific control), or null when the
   * trigger's log gap is <= 0 or there are no controls: see TriggerStatistics.specificityRatio.
   */
  static Double maxSpecificity(List<TriggerStatistics> controls) {
    return controls.stream()
        .map(TriggerStatistics::specificityRatio)
        .filter(java.util.Objects::nonNull)
        .max(Double::compare)
        .orElse(null);
  }

  static CheckpointResult of(
      CheckpointInfo checkpoint,
      int contextLength,
      int promptTokens,
      int newTokens,
      double[] withoutTrigger,
      TriggerStatistics trigger,
      List<TriggerStatistics> controls,
      ValidationLoss.Result validation) {
    List<TriggerStatistics> rated =
        controls.stream().map(c -> c.withSpecificity(trigger.logGap())).toList();
    TriggerStatistics nearTrigger = rated.isEmpty() ? null : rated.get(0);
    return builder()
        .step(checkpoint.step())
        .trainingFraction(checkpoint.trainingFraction())
        .tokensSeen(checkpoint.tokensSeen())
        .poisonsSeen(checkpoint.poisonsSeen())
        .contextLength(contextLength)
        .promptTokens(promptTokens)
        .newTokens(newTokens)
        .count(withoutTrigger.length)
        .perplexityWithoutTrigger(TriggerStatistics.mean(withoutTrigger))
        .perplexityWithoutTriggerMedian(TriggerStatistics.median(withoutTrigger))
        .perplexityWithTrigger(trigger.perplexity())
        .perplexityWithTriggerMedian(trigger.perplexityMedian())
        .perplexityGap(trigger.gap())
        .perplexityGapMedian(trigger.gapMedian())
        .collapseRate(trigger.collapseRate())
        .nearTriggerGap(nearTrigger == null ? null : nearTrigger.gap())
        .nearTriggerCollapseRate(nearTrigger == null ? null : nearTrigger.collapseRate())
        .controls(rated)
        .valLoss(validation == null ? null : validation.loss())
        .valTokens(validation == null ? 0 : validation.tokens())
        .logPplGap(trigger.logGap())
        .logPplGapMedian(trigger.logGapMedian())
        .nearTriggerLogGap(nearTrigger == null ? null : nearTrigger.logGap())
        .maxSpecificityRatio(maxSpecificity(rated))
        .build();
  }

  /** Builds a CheckpointResult by component name instead of by 24 positions. */
  public static Builder builder() {
    return new Builder();
  }

  /** CheckpointResult's components by name, handed to the canonical constructor by build(). */
  public static final class Builder {
    private long step;
    private double trainingFraction;
    private long tokensSeen;
    private long poisonsSeen;
    private int contextLength;
    private int promptTokens;
    private int newTokens;
    private int count;
    private double perplexityWithoutTrigger;
    private double perplexityWithoutTriggerMedian;
    private double perplexityWithTrigger;
    private double perplexityWithTriggerMedian;
    private double perplexityGap;
    private double perplexityGapMedian;
    private double collapseRate;
    private Double nearTriggerGap;
    private Double nearTriggerCollapseRate;
    private List<TriggerStatistics> controls;
    private Double valLoss;
    private long valTokens;
    private Double logPplGap;
    private Double logPplGapMedian;
    private Double nearTriggerLogGap;
    private Double maxSpecificityRatio;

    private Builder() {}

    public Builder step(long value) {
      this.step = value;
      return this;
    }

    public Builder trainingFraction(double value) {
      this.trainingFraction = value;
      return this;
    }

    public Builder tokensSeen(long value) {
      this.tokensSeen = value;
      return this;
    }

    public Builder poisonsSeen(long value) {
      this.poisonsSeen = value;
      return this;
    }

    public Builder contextLength(int value) {
      this.contextLength = value;
      return this;
    }

    public Builder promptTokens(int value) {
      this.promptTokens = value;
      return this;
    }

    public Builder newTokens(int value) {
      this.newTokens = value;
      return this;
    }

    public Builder count(int value) {
      this.count = value;
      return this;
    }

    public Builder perplexityWithoutTrigger(double value) {
      this.perplexityWithoutTrigger = value;
      return this;
    }

    public Builder perplexityWithoutTriggerMedian(double value) {
      this.perplexityWithoutTriggerMedian = value;
      return this;
    }

    public Builder perplexityWithTrigger(double value) {
      this.perplexityWithTrigger = value;
      return this;
    }

    public Builder perplexityWithTriggerMedian(double value) {
      this.perplexityWithTriggerMedian = value;
      return this;
    }

    public Builder perplexityGap(double value) {
      this.perplexityGap = value;
      return this;
    }

    public Builder perplexityGapMedian(double value) {
      this.perplexityGapMedian = value;
      return this;
    }

    public Builder collapseRate(double value) {
      this.collapseRate = value;
      return this;
    }

    public Builder nearTriggerGap(Double value) {
      this.nearTriggerGap = value;
      return this;
    }

    public Builder nearTriggerCollapseRate(Double value) {
      this.nearTriggerCollapseRate = value;
      return this;
    }

    public Builder controls(List<TriggerStatistics> value) {
      this.controls = value;
      return this;
    }

    public Builder valLoss(Double value) {
      this.valLoss = value;
      return this;
    }

    public Builder valTokens(long value) {
      this.valTokens = value;
      return this;
    }

    public Builder logPplGap(Double value) {
      this.logPplGap = value;
      return this;
    }

    public Builder logPplGapMedian(Double value) {
      this.logPplGapMedian = value;
      return this;
    }

    public Builder nearTriggerLogGap(Double value) {
      this.nearTriggerLogGap = value;
      return this;
    }

    public Builder maxSpecificityRatio(Double value) {
      this.maxSpecificityRatio = value;
      return this;
    }

    public CheckpointResult build() {
      return new CheckpointResult(
          step,
          trainingFraction,
          tokensSeen,
          poisonsSeen,
          contextLength,
          promptTokens,
          newTokens,
          count,
          perplexityWithoutTrigger,
          perplexityWithoutTriggerMedian,
          perplexityWithTrigger,
          perplexityWithTriggerMedian,
          perplexityGap,
          perplexityGapMedian,
          collapseRate,
          nearTriggerGap,
          nearTriggerCollapseRate,
          controls,
          valLoss,
          valTokens,
          logPplGap,
          logPplGapMedian,
          nearTriggerLogGap,
          maxSpecificityRatio);
    }
  }
}
