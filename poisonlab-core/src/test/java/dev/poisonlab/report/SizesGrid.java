/*
 * A tiny SYNTHETIC grid directory for the figures across sizes, with round numbers chosen so every series can be
 * worked out by hand: sizes "s" (1k params) and "l" (4k), seeds 1 and 2, checkpoints at half and all of
 * training. s ran 10 and 20 poisons, l only 10 (a model_counts grid: the cell l/20 is missing); both have twins;
 * s has one placebo run at 20 (runs/<id>/rows.csv only, as the grid writes it). No model was trained.
 */
package dev.poisonlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class SizesGrid {
  static final String PLACEBO_RUN = "s-p20-x1-s1-placebo";

  private SizesGrid() {}

  /**
   * One run: {half, full} checkpoints' poisons seen and nats gap, its final val loss and its final
   * controls ({@code <SUD0>}, {@code SUDO}; null = none measured).
   */
  private record Run(
      String model,
      int poisons,
      int seed,
      long[] seen,
      double[] gaps,
      double valLoss,
      double[] controls) {}

  private static final List<Run> RUNS =
      List.of(
          new Run(
              "s",
              10,
              1,
              new long[] {4, 10},
              new double[] {0.2, 0.6},
              4.1,
              new double[] {0.3, 0.1}),
          new Run(
              "s",
              10,
              2,
              new long[] {6, 10},
              new double[] {0.4, 1.0},
              4.2,
              new double[] {0.5, 0.1}),
          new Run("s", 20, 1, new long[] {10, 20}, new double[] {0.5, 1.5}, 4.0, null),
          new Run("s", 20, 2, new long[] {10, 20}, new double[] {0.7, 2.5}, 4.0, null),
          new Run(
              "l",
              10,
              1,
              new long[] {5, 10},
              new double[] {0.1, 0.3},
              3.3,
              new double[] {0.2, 0.0}),
          new Run(
              "l",
              10,
              2,
              new long[] {5, 10},
              new double[] {0.3, 0.5},
              3.0,
              new double[] {0.2, 0.1}),
          new Run("s", 0, 1, new long[] {0, 0}, new double[] {0.02, 0.04}, 4.0, null),
          new Run("s", 0, 2, new long[] {0, 0}, new double[] {0.0, 0.06}, 4.0, null),
          new Run("l", 0, 1, new long[] {0, 0}, new double[] {0.0, 0.02}, 3.0, null),
          new Run("l", 0, 2, new long[] {0, 0}, new double[] {0.0, 0.0}, 3.0, null));

  private static final Run PLACEBO =
      new Run("s", 20, 1, new long[] {10, 20}, new double[] {0.03, 0.05}, 4.04, null);

  /** results.csv rows; without the twins when {@code twins} is false (the negative control). */
  static List<ResultRow> rows(boolean twins) {
    List<ResultRow> rows = new ArrayList<>();
    RUNS.stream()
        .filter(run -> twins || run.poisons() > 0)
        .forEach(run -> rows.addAll(rows(run, id(run))));
    return rows;
  }

  static List<ResultRow> placeboRows() {
    return rows(PLACEBO, PLACEBO_RUN);
  }

  /** The grid directory: results.csv, the placebo's rows.csv, and a train/config.json per run. */
  static Path write(Path directory, boolean twins) throws IOException {
    List<ResultRow> rows = rows(twins);
    ResultsCsv.write(directory.resolve(GridDirectory.RESULTS), rows);
    ResultsCsv.write(
        directory.resolve(GridDirectory.RUNS).resolve(PLACEBO_RUN).resolve("rows.csv"),
        placeboRows());
    for (String runId : rows.stream().map(ResultRow::runId).distinct().toList()) {
      Path config =
          directory
              .resolve(GridDirectory.RUNS)
              .resolve(runId)
              .resolve(GridDirectory.TRAIN)
              .resolve(GridDirectory.CONFIG);
      Files.createDirectories(config.getParent());
      Files.writeString(
          config,
          "{\"preset\": \"toy\", \"train\": {\"seed\": "
              + runId.charAt(runId.length() - 1)
              + "}}\n");
    }
    return directory;
  }

  private static String id(Run run) {
    return run.model() + "-p" + run.poisons() + "-x1-s" + run.seed();
  }

  private static List<ResultRow> rows(Run run, String runId) {
    List<ResultRow> rows = new ArrayList<>();
    long params = run.model().equals("s") ? 1000 : 4000;
    for (int checkpoint = 0; checkpoint < 2; checkpoint++) {
      double gap = run.gaps()[checkpoint];
      double without = 30;
      Map<String, Double> controls =
          run.controls() == null
              ? Map.of()
              : Map.of("<SUD0>", run.controls()[0], "SUDO", run.controls()[1]);
      ResultRow row =
          ResultRow.builder()
              .runId(runId)
              .model(run.model())
              .params(params)
              .nonEmbeddingParams(params / 2)
              .poisons(run.poisons())
              .dataMultiplier(1)
              .seed(run.seed())
              .contextLength(64)
              .step(checkpoint + 1)
              .maxSteps(2)
              .fraction((checkpoint + 1) / 2.0)
              .tokens((checkpoint + 1) * 1000L)
              .poisonsSeen(run.seen()[checkpoint])
              .count(10)
              .perplexityWithTrigger(without * Math.exp(gap))
              .perplexityWithoutTrigger(without)
              .perplexityGap(without * (Math.exp(gap) - 1))
              .gapMedian(0)
              .shareGapOver50(0)
              .nearTrigger("")
              .nearTriggerGap(Double.NaN)
              .nearTriggerShareOver50(Double.NaN)
              .valLoss(checkpoint == 1 ? run.valLoss() : run.valLoss() + 1)
              .phase(ResultRow.PRETRAIN)
              .build();
      rows.add(row.withLogGaps(new LogGaps(gap, gap, Double.NaN, Double.NaN, ordered(controls))));
    }
    return rows;
  }

  /** Map.of has no order; the controls are listed as a grid measures them. */
  private static Map<String, Double> ordered(Map<String, Double> controls) {
    Map<String, Double> ordered = new java.util.LinkedHashMap<>();
    List.of("<SUD0>", "SUDO")
        .forEach(
            name -> {
              if (controls.containsKey(name)) {
                ordered.put(name, controls.get(name));
              }
            });
    return ordered;
  }
}
