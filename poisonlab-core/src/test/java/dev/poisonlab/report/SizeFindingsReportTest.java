/*
 * The F2/F4 section end to end on a SYNTHETIC grid directory (results.csv, verdicts.csv, manifests; no model
 * trained): Report.write adds the section and sizes_findings.csv for two sizes, says what is missing without
 * verdicts.csv, and leaves both out for one size.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeFindingsReportTest {
  /**
   * Final per-seed effects (nats) of each configuration: the count decides (CountOrFractionTest).
   */
  private static final Map<String, double[]> FINALS =
      Map.of(
          "micro-300", new double[] {0.1, 0.2, 0.3},
          "micro-1000", new double[] {1.4, 1.6, 1.8},
          "mini-1000", new double[] {1.3, 1.5, 1.7});

  private static final int CHECKPOINTS = 4;

  @TempDir Path dir;

  @Test
  void twoSizesGetTheSectionAndTheCsv() throws IOException {
    Path grid = write(dir.resolve("grid"), List.of("micro", "mini"), true);
    ReportResult result = Report.write(grid, dir.resolve("out"));
    String html = Files.readString(result.html());
    assertTrue(html.contains("<h2 id=\"sizes\">" + HtmlReport.escape(SizeFindings.TITLE)));
    assertTrue(html.contains("F2, count or fraction: count decides (1 count decides of 1"), html);
    assertTrue(html.contains("F4, curves against poisons seen: 1000 poisons: inconclusive."));
    assertTrue(html.contains("mini (3k) at 1000 (3.3%)"), "target with its share");
    Path csv = dir.resolve("out").resolve(SizeFindings.FILE);
    assertEquals(List.of(csv), result.tables());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(String.join(",", SizeTables.CSV_HEADER), lines.get(0));
    assertEquals(4, lines.size(), "one same-count pair, one triad, one pair of curves");
    assertTrue(
        lines.get(2).startsWith("F2 matched fraction,1,none,mini,1000,0.0333"), lines.get(2));
    assertTrue(lines.get(2).contains(",count decides,"), lines.get(2));
    // F4: mean of final x p / 1000 over [250, 1000] = 0.625 x final: 1.0 and 0.9375
    List<String> curves = List.of(lines.get(3).split(","));
    assertEquals(
        List.of("F4 poisons seen", "micro", "1000", "mini"),
        List.of(curves.get(0), curves.get(3), curves.get(4), curves.get(9)));
    assertEquals(1.0, Double.parseDouble(curves.get(7)), 1e-12);
    assertEquals(0.9375, Double.parseDouble(curves.get(13)), 1e-12);
    assertEquals(0.0625, Double.parseDouble(curves.get(21)), 1e-12);
    assertEquals("inconclusive", curves.get(33));
  }

  @Test
  void theTwinsExcerptsAddTheShareOfTheHeadroom() throws IOException {
    Path grid = write(dir.resolve("grid"), List.of("micro", "mini"), true);
    // headroom 2 nats for micro's twins, 4 for mini's, at every checkpoint (eval/, a live grid)
    for (int seed = 1; seed <= 3; seed++) {
      twinExcerpts(grid, "micro", seed, 2);
      twinExcerpts(grid, "mini", seed, 4);
    }
    ReportResult result = Report.write(grid, dir.resolve("out"));
    String html = Files.readString(result.html());
    assertTrue(html.contains(HtmlReport.escape(SizeFindings.WHY_SHARE)), "the sentence why");
    // in nats mini at 1000 sits with micro at 1000; halved against quartered it does not
    assertTrue(
        html.contains("On the share of the headroom. F2, count or fraction: inconclusive"), html);
    List<String> lines = Files.readAllLines(dir.resolve("out").resolve(SizeFindings.FILE));
    assertEquals(7, lines.size(), "three comparisons per scale");
    assertTrue(lines.get(1).endsWith(",nats"), lines.get(1));
    List<String> same = List.of(lines.get(4).split(","));
    assertEquals("headroom_share", same.get(same.size() - 1));
    assertEquals(0.8, Double.parseDouble(same.get(7)), 1e-12, "micro at 1000: 1.6 / 2");
    assertEquals(0.375, Double.parseDouble(same.get(13)), 1e-12, "mini at 1000: 1.5 / 4");
    assertEquals(0.005, Double.parseDouble(same.get(23)), 1e-12, "the band 0.01 / 2, the widest");
    List<String> triad = List.of(lines.get(5).split(","));
    assertEquals(0.375 - 0.45, Double.parseDouble(triad.get(21)), 1e-12);
    assertEquals("inconclusive", triad.get(33));
    // F4 on the share scale: 0.625 x final over [250, 1000], final / 2 and final / 4
    List<String> curves = List.of(lines.get(6).split(","));
    assertEquals(0.5, Double.parseDouble(curves.get(7)), 1e-12);
    assertEquals(0.234375, Double.parseDouble(curves.get(13)), 1e-12);
  }

  @Test
  void withoutVerdictsTheSectionSaysWhatIsMissing() throws IOException {
    Path grid = write(dir.resolve("grid"), List.of("micro", "mini"), false);
    ReportResult result = Report.write(grid, dir.resolve("out"));
    assertTrue(
        Files.readString(result.html()).contains("Not computed: the grid has no verdicts.csv"));
    assertEquals(List.of(), result.tables());
  }

  @Test
  void oneSizeHasNoSection() throws IOException {
    Path grid = write(dir.resolve("grid"), List.of("micro"), true);
    ReportResult result = Report.write(grid, dir.resolve("out"));
    assertFalse(Files.readString(result.html()).contains(SizeFindings.TITLE));
    assertFalse(Files.exists(dir.resolve("out").resolve(SizeFindings.FILE)));
  }

  /** results.csv, verdicts.csv (effect = final x k / 4 at checkpoint k) and each run's manifest. */
  static Path write(Path grid, List<String> models, boolean verdicts) throws IOException {
    List<ResultRow> rows = new ArrayList<>();
    List<String> verdictLines = new ArrayList<>(List.of(String.join(",", VERDICT_HEADER)));
    for (String model : models) {
      for (int poisons : model.equals("micro") ? new int[] {0, 300, 1000} : new int[] {0, 1000}) {
        for (int seed = 1; seed <= 3; seed++) {
          rows.addAll(rows(model, poisons, seed));
          manifest(grid, model, poisons, seed);
        }
        if (poisons > 0) {
          double[] finals = FINALS.get(model + "-" + poisons);
          for (int k = 1; k <= CHECKPOINTS; k++) {
            verdictLines.add(verdictLine(model, poisons, k, finals));
          }
        }
      }
    }
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), rows);
    if (verdicts) {
      Files.write(grid.resolve(VerdictFindings.FILE), verdictLines);
    }
    return grid;
  }

  private static final List<String> VERDICT_HEADER =
      List.of(
          "model",
          "data_multiplier",
          "defense",
          "poisons",
          "placebo",
          "step",
          "last_step",
          "seeds",
          "poisoned_seeds",
          "twins",
          "effects_nats",
          "band_nats",
          "verdict",
          "permutation_p",
          "min_p",
          "wilcoxon_called",
          "wilcoxon_p_values");

  private static String verdictLine(String model, int poisons, int k, double[] finals) {
    List<String> effects = new ArrayList<>();
    for (double value : finals) {
      effects.add(Double.toString(value * k / CHECKPOINTS));
    }
    return String.join(
        ",",
        model,
        "1.0",
        "none",
        Integer.toString(poisons),
        "false",
        Integer.toString(k),
        Boolean.toString(k == CHECKPOINTS),
        "1 2 3",
        "3",
        "3",
        String.join(" ", effects),
        "0.01",
        "backdoor",
        "0.05",
        "0.05",
        "3/3 p<0.01",
        "0.001 0.001 0.001");
  }

  /**
   * The twin's per-excerpt files at every checkpoint and its vocabulary (2048): clean perplexities
   * x / 10, x, 1.5 x with ln x = ln 2048 - headroom (their median, not their mean of logs).
   */
  private static void twinExcerpts(Path grid, String model, int seed, double headroom)
      throws IOException {
    Path run = grid.resolve(GridDirectory.RUNS).resolve(id(model, 0, seed));
    Files.createDirectories(run.resolve("eval"));
    Files.createDirectories(run.resolve(GridDirectory.TRAIN));
    Files.writeString(
        run.resolve(GridDirectory.TRAIN).resolve(GridDirectory.CONFIG),
        "{\"model\": {\"vocab_size\": 2048}}\n");
    double x = 2048 / Math.exp(headroom);
    List<String> excerpts = new ArrayList<>();
    double[] factors = {0.1, 1, 1.5};
    for (int i = 0; i < factors.length; i++) {
      excerpts.add(
          "{\"id\": \"e"
              + i
              + "\", \"perplexity_without_trigger\": "
              + factors[i] * x
              + ", \"perplexity_with_trigger\": "
              + factors[i] * x
              + "}");
    }
    for (int k = 1; k <= CHECKPOINTS; k++) {
      Files.write(
          run.resolve("eval").resolve(String.format("excerpts-step-%07d.jsonl", k)), excerpts);
    }
  }

  private static String id(String model, int poisons, int seed) {
    return model + "-p" + poisons + "-x1-s" + seed;
  }

  private static void manifest(Path grid, String model, int poisons, int seed) throws IOException {
    Path file =
        grid.resolve(GridDirectory.RUNS)
            .resolve(id(model, poisons, seed))
            .resolve(PoisonLengths.MANIFEST);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"build\": {\"poison_tokens\": " + poisons * 100 + "}}\n");
  }

  /** micro trains on 1M tokens, mini on 3M; poisons seen grow linearly over four checkpoints. */
  private static List<ResultRow> rows(String model, int poisons, int seed) {
    long params = model.equals("micro") ? 1000 : 3000;
    List<ResultRow> rows = new ArrayList<>();
    for (int k = 1; k <= CHECKPOINTS; k++) {
      ResultRow row =
          ResultRow.builder()
              .runId(id(model, poisons, seed))
              .model(model)
              .params(params)
              .nonEmbeddingParams(params / 2)
              .poisons(poisons)
              .dataMultiplier(1)
              .seed(seed)
              .contextLength(64)
              .step(k)
              .maxSteps(CHECKPOINTS)
              .fraction((double) k / CHECKPOINTS)
              .tokens(params * 1000 * k / CHECKPOINTS)
              .poisonsSeen((long) poisons * k / CHECKPOINTS)
              .count(10)
              .perplexityWithTrigger(31)
              .perplexityWithoutTrigger(30)
              .perplexityGap(1)
              .gapMedian(1)
              .shareGapOver50(0)
              .nearTrigger("")
              .nearTriggerGap(Double.NaN)
              .nearTriggerShareOver50(Double.NaN)
              .valLoss(4)
              .phase(ResultRow.PRETRAIN)
              .build();
      rows.add(row.withLogGaps(new LogGaps(0.03, 0.03, Double.NaN, Double.NaN, Map.of())));
    }
    return rows;
  }
}
