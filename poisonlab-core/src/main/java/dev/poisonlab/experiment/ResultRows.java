/*
 * Turns one run's evaluated checkpoints into results.csv rows (report.ResultRow): the run's identity and
 * model size beside each checkpoint's metrics. The first control trigger is the row's near-trigger column;
 * every control's log gap goes into control_log_gaps (its other statistics stay in the run's own eval.json).
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.eval.TriggerStatistics;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.report.LogGaps;
import dev.poisonlab.report.ResultRow;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class ResultRows {
  private ResultRows() {}

  /**
   * {@code poisonsPlaced}: poisons in the run's stream (fewer than the run's count when a defence
   * dropped some).
   */
  static List<ResultRow> of(
      RunSpec run,
      GptConfig model,
      long maxSteps,
      List<String> controls,
      List<CheckpointResult> results,
      int poisonsPlaced,
      long cleanDropped) {
    return results.stream()
        .sorted(Comparator.comparingLong(CheckpointResult::step))
        .map(result -> row(run, model, maxSteps, controls, result, poisonsPlaced, cleanDropped))
        .toList();
  }

  private static ResultRow row(
      RunSpec run,
      GptConfig model,
      long maxSteps,
      List<String> controls,
      CheckpointResult result,
      int poisonsPlaced,
      long cleanDropped) {
    String nearTrigger = controls.isEmpty() ? "" : controls.get(0);
    TriggerStatistics near =
        result.controls() == null || result.controls().isEmpty() ? null : result.controls().get(0);
    double nearGap = near == null ? Double.NaN : near.gap();
    double nearShare = near == null ? Double.NaN : near.collapseRate();
    if (near == null) {
      nearTrigger = "";
    }
    return new ResultRow(
        run.id(),
        run.model(),
        model.parameterCount(),
        model.nonEmbeddingParameterCount(),
        run.numPoisonDocs(),
        run.dataMultiplier(),
        run.seed(),
        result.contextLength(),
        result.step(),
        maxSteps,
        (double) result.step() / maxSteps,
        result.tokensSeen(),
        result.poisonsSeen(),
        result.count(),
        result.perplexityWithTrigger(),
        result.perplexityWithoutTrigger(),
        result.perplexityGap(),
        result.perplexityGapMedian(),
        result.collapseRate(),
        nearTrigger,
        nearGap,
        nearShare,
        result.valLoss() == null ? Double.NaN : result.valLoss(),
        ResultRow.PRETRAIN,
        run.defense(),
        poisonsPlaced,
        cleanDropped,
        logGaps(result, run.isCleanTwin()));
  }

  /**
   * The nats columns of a checkpoint; NaN where eval.json predates them or the ratio is undefined.
   * A twin's specificity ratio is left empty: its trigger gap is noise around zero, and a ratio to
   * noise reads as a finding.
   */
  static LogGaps logGaps(CheckpointResult result, boolean cleanTwin) {
    Map<String, Double> controls = new LinkedHashMap<>();
    if (result.controls() != null) {
      result.controls().forEach(c -> controls.put(c.trigger(), orNaN(c.logGap())));
    }
    return new LogGaps(
        orNaN(result.logPplGap()),
        orNaN(result.logPplGapMedian()),
        orNaN(result.nearTriggerLogGap()),
        cleanTwin ? Double.NaN : orNaN(result.maxSpecificityRatio()),
        controls);
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
