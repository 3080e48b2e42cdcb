/*
 * One evaluated checkpoint, as a row of eval.json and curve.csv: where it sits in training, the lengths that
 * were used (context length recorded with every result: with a short context only the window holding the
 * trigger sees it), perplexity with and without the trigger, the gap and collapse rate, the near-trigger
 * controls, and the clean validation loss. Field names are snake_case in JSON.
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
    long valTokens) {

  public CheckpointResult {
    controls = List.copyOf(controls);
  }

  static CheckpointResult of(CheckpointInfo checkpoint, int contextLength, int promptTokens, int newTokens,
      double[] withoutTrigger, TriggerStatistics trigger, List<TriggerStatistics> controls,
      ValidationLoss.Result validation) {
    TriggerStatistics nearTrigger = controls.isEmpty() ? null : controls.get(0);
    return new CheckpointResult(checkpoint.step(), checkpoint.trainingFraction(), checkpoint.tokensSeen(),
        checkpoint.poisonsSeen(), contextLength, promptTokens, newTokens, withoutTrigger.length,
        TriggerStatistics.mean(withoutTrigger), TriggerStatistics.median(withoutTrigger),
        trigger.perplexity(), trigger.perplexityMedian(), trigger.gap(), trigger.gapMedian(), trigger.collapseRate(),
        nearTrigger == null ? null : nearTrigger.gap(), nearTrigger == null ? null : nearTrigger.collapseRate(),
        controls, validation == null ? null : validation.loss(), validation == null ? 0 : validation.tokens());
  }
}
