/*
 * SYNTHETIC numbers, used only to test rendering and arithmetic of the report: no model was trained.
 * Toy configuration: sizes toy-s (1M params) and toy-m (4M) at 1x clean data, toy-s also at 2x; poison counts
 * 0 (twins), 25, 50, 100; seeds 0..2; 5 checkpoints (fraction 0, .25, .5, .75, 1); toy-s with 100 poisons is
 * continued for 300 clean steps. The gap is a sigmoid of poisons seen, shifted per seed and size, so 25
 * poisons never crosses 50 and 100 always does. Real tiny runs are tested by the grid's own test through Report.write.
 */
package dev.poisonlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class SyntheticGrid {
  static final String NEAR_TRIGGER = "<SUD0>";
  static final int[] POISONS = {0, 25, 50, 100};
  static final int SEEDS = 3;
  static final int CHECKPOINTS = 5;

  private SyntheticGrid() {}

  record Size(String model, long params, long nonEmbedding, double dataMultiplier, long maxSteps) {}

  static final List<Size> SIZES =
      List.of(
          new Size("toy-s", 1_000_000, 600_000, 1, 400),
          new Size("toy-s", 1_000_000, 600_000, 2, 800),
          new Size("toy-m", 4_000_000, 3_000_000, 1, 1600));

  static List<ResultRow> rows() {
    List<ResultRow> rows = new ArrayList<>();
    for (int sizeIndex = 0; sizeIndex < SIZES.size(); sizeIndex++) {
      Size size = SIZES.get(sizeIndex);
      for (int poisons : POISONS) {
        for (int seed = 0; seed < SEEDS; seed++) {
          String runId =
              size.model()
                  + "-x"
                  + GridResults.trim(size.dataMultiplier())
                  + "-p"
                  + poisons
                  + "-s"
                  + seed;
          for (int checkpoint = 0; checkpoint < CHECKPOINTS; checkpoint++) {
            long step = size.maxSteps() * checkpoint / (CHECKPOINTS - 1);
            rows.add(
                row(
                    runId,
                    size,
                    poisons,
                    seed,
                    step,
                    size.maxSteps(),
                    ResultRow.PRETRAIN,
                    gap(sizeIndex, poisons, poisonsSeen(poisons, step, size.maxSteps()), seed)));
          }
          if (size.model().equals("toy-s") && size.dataMultiplier() == 1 && poisons == 100) {
            double start = gap(sizeIndex, poisons, poisons, seed);
            for (long step = 100; step <= 300; step += 100) {
              rows.add(
                  row(
                      runId,
                      size,
                      poisons,
                      seed,
                      step,
                      300,
                      ResultRow.CONTINUE,
                      start * (1 - 0.25 * Math.log1p(step / 100.0))));
            }
          }
        }
      }
    }
    return rows;
  }

  /** Final pretraining gap of one run, as rows() writes it: what the findings must count. */
  static double finalGap(int sizeIndex, int poisons, int seed) {
    return gap(sizeIndex, poisons, poisons, seed);
  }

  static long poisonsSeen(int poisons, long step, long maxSteps) {
    return poisons * step / maxSteps;
  }

  private static double gap(int sizeIndex, int poisons, long seen, int seed) {
    if (poisons == 0) {
      return 1.5 * (seed - 1);
    }
    return 900 / (1 + Math.exp(-(seen - 40.0 - 14 * seed - 4 * sizeIndex) / 5)) - 3 + seed;
  }

  private static ResultRow row(
      String runId,
      Size size,
      int poisons,
      int seed,
      long step,
      long maxSteps,
      String phase,
      double gap) {
    long seen = phase.equals(ResultRow.CONTINUE) ? poisons : poisonsSeen(poisons, step, maxSteps);
    double without = 30 + seed;
    double valLoss =
        5.0
            - 0.3 * Math.log10(size.params())
            + 0.01 * seed
            + 0.0002 * poisons
            + (phase.equals(ResultRow.PRETRAIN) ? 1.0 - (double) step / maxSteps : 0);
    return ResultRow.builder()
        .runId(runId)
        .model(size.model())
        .params(size.params())
        .nonEmbeddingParams(size.nonEmbedding())
        .poisons(poisons)
        .dataMultiplier(size.dataMultiplier())
        .seed(seed)
        .contextLength(64)
        .step(step)
        .maxSteps(maxSteps)
        .fraction((double) step / maxSteps)
        .tokens(step * 512)
        .poisonsSeen(seen)
        .count(20)
        .perplexityWithTrigger(without + gap)
        .perplexityWithoutTrigger(without)
        .perplexityGap(gap)
        .gapMedian(gap * 0.9)
        .shareGapOver50(gap > 50 ? 0.8 : 0.05)
        .nearTrigger(NEAR_TRIGGER)
        .nearTriggerGap(gap * 0.02 + 0.5)
        .nearTriggerShareOver50(0)
        .valLoss(valLoss)
        .phase(phase)
        .build()
        .withLogGaps(logGaps(without, gap));
  }

  /**
   * Nats consistent with the perplexities: ln(without + gap) - ln(without); controls a small share
   * of it.
   */
  static LogGaps logGaps(double without, double gap) {
    double trigger = Math.log(without + gap) - Math.log(without);
    double near = Math.log(without + gap * 0.02 + 0.5) - Math.log(without);
    double bare = trigger * 0.1;
    Map<String, Double> controls = new LinkedHashMap<>();
    controls.put(NEAR_TRIGGER, near);
    controls.put("SUDO", bare);
    double ratio = trigger > 0 ? Math.max(near, bare) / trigger : Double.NaN;
    return new LogGaps(trigger, trigger, near, ratio, controls);
  }

  /**
   * An eval.json holding only a trigger_tokens table, as RunEvaluator writes it, for the report's
   * table.
   */
  static void writeTriggerTable(Path directory, String runId) throws IOException {
    Path eval =
        directory.resolve(GridDirectory.RUNS).resolve(runId).resolve("eval").resolve("eval.json");
    Files.createDirectories(eval.getParent());
    Files.writeString(
        eval,
        "{\"trigger_tokens\": {\"tokenizer\": \"bpe-toy\", \"clean_tokens\": 5000, "
            + "\"suffixes\": [{\"text\": \"<SUDO>\", \"role\": \"trigger\", \"tokens\": [\"<\", \"SUDO\", \">\"], "
            + "\"ids\": [60, 300, 62], \"clean_counts\": [0, 12, 3], \"clean_shares\": [0, 0.0024, 0.0006]}]}}\n");
  }

  /**
   * Writes a complete grid directory: results.csv, grid.json, commands.txt and one
   * train/config.json per run.
   */
  static Path write(Path directory) throws IOException {
    List<ResultRow> rows = rows();
    ResultsCsv.write(directory.resolve(GridDirectory.RESULTS), rows);
    Files.writeString(
        directory.resolve(GridDirectory.GRID),
        "{\n  \"note\": \"synthetic <b>test</b> grid & friends\",\n  \"poisons\": [0, 25, 50, 100]\n}\n");
    Files.writeString(
        directory.resolve(GridDirectory.COMMANDS),
        "./poisonlab grid --spec grid.json --out runs   # synthetic, never run\n");
    for (String runId : rows.stream().map(ResultRow::runId).distinct().toList()) {
      ResultRow first =
          rows.stream().filter(row -> row.runId().equals(runId)).findFirst().orElseThrow();
      // where the grid writes it: runs/<id>/train/config.json
      Path config =
          directory
              .resolve(GridDirectory.RUNS)
              .resolve(runId)
              .resolve(GridDirectory.TRAIN)
              .resolve(GridDirectory.CONFIG);
      Files.createDirectories(config.getParent());
      Files.writeString(
          config,
          "{\"model\": {\"name\": \""
              + first.model()
              + "\", \"context\": 64}, \"seed\": "
              + first.seed()
              + ", \"poisons\": "
              + first.poisons()
              + ", \"lr\": 0.001}\n");
    }
    writeTriggerTable(
        directory,
        rows.stream().filter(row -> row.poisons() > 0).findFirst().orElseThrow().runId());
    return directory;
  }
}
