/*
 * Turns one run's evaluated checkpoints into results.csv rows (report.ResultRow): the run's identity and
 * model size beside each checkpoint's metrics. The first control trigger is the row's near-trigger column;
 * every control's log gap goes into control_log_gaps (its other statistics stay in the run's own eval.json).
 * Each row names the run's attack and the trigger its evaluation measured (labelled).
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.eval.TriggerStatistics;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.report.LogGaps;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultRowBuilder;
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
    return evaluated(result)
        .runId(run.id())
        .model(run.model())
        .params(model.parameterCount())
        .nonEmbeddingParams(model.nonEmbeddingParameterCount())
        .poisons(run.numPoisonDocs())
        .dataMultiplier(run.dataMultiplier())
        .seed(run.seed())
        .step(result.step())
        .maxSteps(maxSteps)
        .fraction((double) result.step() / maxSteps)
        .tokens(result.tokensSeen())
        .poisonsSeen(result.poisonsSeen())
        .nearTrigger(nearTrigger)
        .nearTriggerGap(nearGap)
        .nearTriggerShareOver50(nearShare)
        .phase(ResultRow.PRETRAIN)
        .defense(run.defense())
        .poisonsAfterDefense(poisonsPlaced)
        .cleanDropped(cleanDropped)
        .logGaps(logGaps(result, run.isCleanTwin()))
        .build();
  }

  /**
   * The row naming the run's attack (none for a twin) and the trigger its evaluation measured, so
   * that results.csv keeps the attacks of a grid with several apart. Applied again when results.csv
   * is collected, because rows.csv files of runs finished before these columns lack them.
   */
  static ResultRow labelled(GridSpec spec, RunSpec run, ResultRow row) {
    return row.withAttack(run.isCleanTwin() ? "" : spec.strategyOf(run), spec.triggerOf(run));
  }

  /** A row's columns that its checkpoint's evaluation gives as they are. */
  static ResultRowBuilder evaluated(CheckpointResult result) {
    return ResultRow.builder()
        .contextLength(result.contextLength())
        .count(result.count())
        .perplexityWithTrigger(result.perplexityWithTrigger())
        .perplexityWithoutTrigger(result.perplexityWithoutTrigger())
        .perplexityGap(result.perplexityGap())
        .gapMedian(result.perplexityGapMedian())
        .shareGapOver50(result.collapseRate())
        .valLoss(result.valLoss() == null ? Double.NaN : result.valLoss());
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
