/*
 * Rows of a continuation of a continuation: clean steps, tokens and poisons seen add up along the parent chain,
 * and model, poisons and seed come from the pretraining run at its root. In memory; no training.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.eval.TriggerStatistics;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistenceRowsTest {
  private static final GptConfig MODEL = new GptConfig(257, 256, 2, 2, 32);

  private static RunConfig config(
      String preset, long steps, long seed, int poisons, RunConfig.Parent parent) {
    return new RunConfig(
        preset,
        MODEL,
        TrainConfig.defaults(steps, 1e-3, seed),
        new RunConfig.DataSummary(
            "/streams/x", "ab", "bytes", 257, 1000, 2 * MODEL.chinchillaTokens(), poisons, 1),
        parent);
  }

  private static CheckpointResult result(long step, long tokens, double gap) {
    return CheckpointResult.builder()
        .step(step)
        .trainingFraction(step / 10.0)
        .tokensSeen(tokens)
        .poisonsSeen(0)
        .contextLength(256)
        .promptTokens(16)
        .newTokens(8)
        .count(6)
        .perplexityWithoutTrigger(10)
        .perplexityWithoutTriggerMedian(10)
        .perplexityWithTrigger(10 + gap)
        .perplexityWithTriggerMedian(10 + gap)
        .perplexityGap(gap)
        .perplexityGapMedian(gap)
        .collapseRate(0.5)
        .nearTriggerGap(gap / 2)
        .nearTriggerCollapseRate(0.25)
        .controls(
            List.of(
                TriggerStatistics.builder()
                    .trigger("<SUD0>")
                    .perplexity(12)
                    .perplexityMedian(12)
                    .gap(gap / 2)
                    .gapMedian(gap / 2)
                    .collapseRate(0.25)
                    .build()))
        .valLoss(2.5)
        .valTokens(512L)
        .build();
  }

  @Test
  void aContinuedContinuationCountsFromTheEndOfPretraining() {
    RunConfig pretraining = config("nano", 100, 7, 50, null);
    RunConfig first =
        config(
            "nano",
            40,
            7,
            0,
            new RunConfig.Parent("/runs/nano-p50-x1-s7", 100, 51_200, 48, "sha-a", pretraining));
    RunConfig second =
        config(
            "nano",
            30,
            7,
            0,
            new RunConfig.Parent("/runs/nano-p50-x1-s7/continue", 20, 10_240, 0, "sha-b", first));

    List<ResultRow> rows =
        PersistenceRows.rows(second, List.of(result(30, 15_360, 5), result(0, 0, 120)), null, null);
    assertEquals(
        List.of(20L, 50L),
        rows.stream().map(ResultRow::step).toList(),
        "sorted, offset by 20 clean steps");
    assertEquals(List.of(61_440L, 76_800L), rows.stream().map(ResultRow::tokens).toList());
    ResultRow last = rows.get(1);
    assertEquals("nano-p50-x1-s7", last.runId());
    assertEquals(50, last.maxSteps());
    assertEquals(1.0, last.fraction());
    assertEquals(50, last.poisons());
    assertEquals(48, last.poisonsSeen());
    assertEquals(
        2.0, last.dataMultiplier(), 1e-12, "budget / Chinchilla when the manifest is not there");
    assertEquals(MODEL.parameterCount(), last.params());
    assertEquals(5, last.perplexityGap());
    assertEquals(2.5, last.nearTriggerGap());
    assertEquals(ResultRow.CONTINUE, last.phase());

    List<ResultRow> named = PersistenceRows.rows(first, List.of(result(0, 0, 120)), "custom", 0.5);
    assertEquals("custom", named.get(0).runId());
    assertEquals(0.5, named.get(0).dataMultiplier());
    assertEquals(0, named.get(0).step());
    assertThrows(
        IllegalArgumentException.class,
        () -> PersistenceRows.rows(pretraining, List.of(), null, null));
  }
}
