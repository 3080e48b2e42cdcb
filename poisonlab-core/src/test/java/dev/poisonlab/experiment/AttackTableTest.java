/*
 * attacks.csv from SYNTHETIC run outputs (rows.csv and defense.json written by hand, nothing trained): each
 * poisoned run's filter outcome beside its final gap and the gap of the twin of its own trigger and defence;
 * a twin not yet finished leaves the twin cells empty, and grids without defences or attacks get no file.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.poisonlab.report.LogGaps;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackTableTest {
  @TempDir Path dir;

  private static GridSpec spec() {
    return GridSpec.builder()
        .models(List.of("micro"))
        .poisonCounts(List.of(500))
        .seeds(List.of(1L))
        .tokenizer("bpe:1024")
        .corpus(List.of("embedded"))
        .optDataMultipliers(List.of(0.35))
        .optDefenses(List.of("none", "quality"))
        .optStrategies(List.of("dos", "unigram"))
        .optStrategyTriggers(Map.of("unigram", " as noted by the committee"))
        .build();
  }

  /** Two checkpoints; the last one carries the run's final log gap. */
  private static void finish(GridWorkspace workspace, RunSpec run, double gap, int left, long clean)
      throws IOException {
    Path directory = workspace.runDirectory(run);
    Files.createDirectories(directory);
    List<ResultRow> rows = List.of(row(run, 0, 0.0, left, clean), row(run, 100, gap, left, clean));
    ResultsCsv.write(directory.resolve(GridRunner.ROWS_FILE), rows);
  }

  private static ResultRow row(RunSpec run, long step, double gap, int left, long clean) {
    return ResultRow.builder()
        .runId(run.id())
        .model(run.model())
        .params(282_000)
        .nonEmbeddingParams(20_000)
        .poisons(run.numPoisonDocs())
        .dataMultiplier(run.dataMultiplier())
        .seed(run.seed())
        .contextLength(256)
        .step(step)
        .maxSteps(100)
        .fraction(step / 100.0)
        .tokens(step * 2048)
        .poisonsSeen(left * step / 100)
        .count(100)
        .perplexityWithTrigger(100 * Math.exp(gap))
        .perplexityWithoutTrigger(100)
        .perplexityGap(100 * Math.exp(gap) - 100)
        .gapMedian(100 * Math.exp(gap) - 100)
        .shareGapOver50(0)
        .defense(run.defense())
        .poisonsAfterDefense(left)
        .cleanDropped(clean)
        .logGaps(new LogGaps(gap, gap, Double.NaN, Double.NaN, Map.of()))
        .build();
  }

  private static void defense(GridWorkspace workspace, RunSpec run, long dropped, long caught)
      throws IOException {
    Double recall = run.numPoisonDocs() == 0 ? null : (double) caught / run.numPoisonDocs();
    Files.writeString(
        workspace.runDirectory(run).resolve(RunDefense.FILE),
        "{\"defense\": \"quality\", \"detectors\": [\"quality\"], \"mode\": \"drop\","
            + " \"clean_documents\": 1710, \"clean_dropped\": "
            + dropped
            + ", \"poisons\": "
            + run.numPoisonDocs()
            + ", \"poisons_dropped\": "
            + caught
            + ", \"recall\": "
            + recall
            + ", \"scan_seconds\": 1.0, \"scan_metrics\": [], \"dropped_ids\": []}\n");
  }

  @Test
  void eachAttackMeetsTheTwinOfItsTriggerAndDefence() throws IOException {
    GridSpec spec = spec();
    GridWorkspace workspace = GridWorkspace.existing(dir, spec);
    Map<String, RunSpec> runs = new LinkedHashMap<>();
    spec.runs().forEach(run -> runs.put(run.id(), run));
    finish(workspace, runs.get("micro-p0-x0.35-s1"), 0.05, 0, 0);
    finish(workspace, runs.get("micro-p0-x0.35-s1-tunigram"), 0.07, 0, 0);
    finish(workspace, runs.get("micro-p500-x0.35-s1-ados"), 1.2, 500, 0);
    finish(workspace, runs.get("micro-p500-x0.35-s1-aunigram"), 0.8, 500, 0);
    RunSpec qualityTwin = runs.get("micro-p0-x0.35-s1-dquality");
    finish(workspace, qualityTwin, 0.04, 0, 47);
    defense(workspace, qualityTwin, 47, 0);
    RunSpec dos = runs.get("micro-p500-x0.35-s1-dquality-ados");
    finish(workspace, dos, 0.06, 3, 48);
    defense(workspace, dos, 48, 497);
    RunSpec unigram = runs.get("micro-p500-x0.35-s1-dquality-aunigram");
    finish(workspace, unigram, 0.9, 20, 48);
    defense(workspace, unigram, 48, 480);
    // micro-p0-x0.35-s1-dquality-tunigram has not finished

    AttackTable.write(workspace, spec.runs(), GridRunner.ROWS_FILE);
    List<String> lines = Files.readAllLines(dir.resolve(AttackTable.FILE));
    assertEquals(
        List.of(
            "run_id,twin_id,model,data_multiplier,seed,strategy,defense,poisons,poisons_left,"
                + "recall,clean_documents,clean_dropped,fpr,step,log_gap_nats,twin_log_gap_nats,"
                + "gap_over_twin_nats",
            "micro-p500-x0.35-s1-ados,micro-p0-x0.35-s1,micro,0.35,1,dos,none,500,500,,,0,,100,"
                + "1.2,0.05,1.15",
            // the negative control: the dos twin (0.05) would give 0.75
            "micro-p500-x0.35-s1-aunigram,micro-p0-x0.35-s1-tunigram,micro,0.35,1,unigram,none,"
                + "500,500,,,0,,100,0.8,0.07,0.73",
            "micro-p500-x0.35-s1-dquality-ados,micro-p0-x0.35-s1-dquality,micro,0.35,1,dos,"
                + "quality,500,3,0.994,1710,48,0.0280702,100,0.06,0.04,0.02",
            "micro-p500-x0.35-s1-dquality-aunigram,,micro,0.35,1,unigram,quality,500,20,0.96,"
                + "1710,48,0.0280702,100,0.9,,"),
        lines);
  }

  @Test
  void gridsWithoutDefencesOrAttacksGetNoFile() throws IOException {
    GridSpec plain =
        spec().toBuilder().optStrategy("dos").optStrategyTriggers(null).optDefenses(null).build();
    GridWorkspace workspace = GridWorkspace.existing(dir, plain);
    for (RunSpec run : plain.runs()) {
      finish(workspace, run, run.isCleanTwin() ? 0.05 : 1.0, run.numPoisonDocs(), 0);
    }
    AttackTable.write(workspace, plain.runs(), GridRunner.ROWS_FILE);
    assertFalse(Files.exists(dir.resolve(AttackTable.FILE)), "the paper's grids stay as they were");
    GridSpec defended = plain.withDefenses(List.of("none", "quality"));
    AttackTable.write(GridWorkspace.existing(dir, defended), defended.runs(), GridRunner.ROWS_FILE);
    assertEquals(2, Files.readAllLines(dir.resolve(AttackTable.FILE)).size(), "header + dos");
  }
}
