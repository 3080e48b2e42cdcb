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

  /** A result without the nats fields, as eval.json held it before them. */
  public CheckpointResult(
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
      long valTokens) {
    this(
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
        null,
        null,
        null,
        null);
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
    return new CheckpointResult(
        checkpoint.step(),
        checkpoint.trainingFraction(),
        checkpoint.tokensSeen(),
        checkpoint.poisonsSeen(),
        contextLength,
        promptTokens,
        newTokens,
        withoutTrigger.length,
        TriggerStatistics.mean(withoutTrigger),
        TriggerStatistics.median(withoutTrigger),
        trigger.perplexity(),
        trigger.perplexityMedian(),
        trigger.gap(),
        trigger.gapMedian(),
        trigger.collapseRate(),
        nearTrigger == null ? null : nearTrigger.gap(),
        nearTrigger == null ? null : nearTrigger.collapseRate(),
        rated,
        validation == null ? null : validation.loss(),
        validation == null ? 0 : validation.tokens(),
        trigger.logGap(),
        trigger.logGapMedian(),
        nearTrigger == null ? null : nearTrigger.logGap(),
        maxSpecificity(rated));
  }
}
