/*
 * results.csv is the contract between the grid and the report: rows round-trip exactly (quotes, commas, empty
 * optional cells, negative gaps, defence and attack columns), append grows the file, files from before the
 * attack, nats or defence columns still load, and every kind of bad input names FILE:LINE and column.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {
  @TempDir Path dir;

  private static ResultRow row(
      String runId, long step, double gap, String nearTrigger, double valLoss) {
    boolean near = !nearTrigger.isEmpty();
    return ResultRow.builder()
        .runId(runId)
        .model("toy, \"s\"")
        .params(1_000_000)
        .nonEmbeddingParams(600_000)
        .poisons(50)
        .dataMultiplier(0.5)
        .seed(7)
        .contextLength(64)
        .step(step)
        .maxSteps(400)
        .fraction(step / 400.0)
        .tokens(step * 512)
        .poisonsSeen(50 * step / 400)
        .count(20)
        .perplexityWithTrigger(30 + gap)
        .perplexityWithoutTrigger(30)
        .perplexityGap(gap)
        .gapMedian(gap * 0.9)
        .shareGapOver50(0.25)
        .nearTrigger(nearTrigger)
        .nearTriggerGap(near ? -0.125 : Double.NaN)
        .nearTriggerShareOver50(near ? 0 : Double.NaN)
        .valLoss(valLoss)
        .phase(ResultRow.PRETRAIN)
        .build();
  }

  @Test
  void roundTripsEveryValueExactly() {
    List<ResultRow> rows =
        List.of(
            row("run,1", 0, -2.5, "<SUD0> \"quoted\"", 3.25),
            row("run,1", 133, 0.1 + 0.2, "", Double.NaN),
            row("run 2", 400, 12345.678901234567, " leading space", 1e-7));
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, rows);
    assertEquals(rows, ResultsCsv.read(file));
    assertEquals(SyntheticGrid.rows(), roundTrip(SyntheticGrid.rows()));
  }

  @Test
  void appendCreatesHeaderThenAddsRows() throws IOException {
    Path file = dir.resolve("sub/results.csv");
    ResultsCsv.append(file, row("a", 0, 1, "", 2));
    ResultsCsv.append(file, row("a", 200, 60, "", 1.5));
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    assertEquals(ResultsCsv.HEADER, lines.get(0));
    assertEquals(List.of(row("a", 0, 1, "", 2), row("a", 200, 60, "", 1.5)), ResultsCsv.read(file));
    assertTrue(
        ResultsCsv.HEADER.startsWith(
            "run_id,model,params,non_embedding_params,poisons,data_multiplier,"));
    assertTrue(
        ResultsCsv.HEADER.endsWith(
            ",near_trigger,near_trigger_gap,near_trigger_share_over_50,val_loss,phase,defense,poisons_after_defense,"
                + "clean_dropped,log_ppl_gap,log_ppl_gap_median,near_trigger_log_gap,specificity_ratio,control_log_gaps,"
                + "attack,trigger"));
  }

  @Test
  void wrongHeaderIsLineOne() throws IOException {
    Path file = dir.resolve("results.csv");
    Files.writeString(file, ResultsCsv.HEADER.replace("val_loss", "loss") + "\n");
    InputException error = assertThrows(InputException.class, () -> ResultsCsv.read(file));
    assertEquals(1, error.line());
    assertTrue(
        error.getMessage().startsWith(file + ":1: header must be exactly"), error.getMessage());
    assertThrows(InputException.class, () -> ResultsCsv.append(file, row("a", 0, 1, "", 2)));
    assertTrue(
        Files.readString(file).contains(",loss,"),
        "append must not repair or extend a damaged file");
  }

  @Test
  void badCellsNameFileLineAndColumn() throws IOException {
    String good = ResultsCsv.format(row("a", 0, 1, "", 2));
    String later = ResultsCsv.format(row("a", 200, 60, "", 1.5));
    assertBad(
        List.of(good, later.replace(",60,", ",sixty,")),
        3,
        "perplexity_gap is not a number: \"sixty\"");
    assertBad(
        List.of(good, "", later.replace("pretrain", "finetune")),
        4,
        "phase must be \"pretrain\" or");
    assertBad(List.of(later.replace(",0.5,", ",0.9,")), 2, "fraction must equal step/max_steps");
    assertBad(List.of(good + ",extra"), 2, "expected 34 cells, got 35");
    assertBad(
        List.of(good.replace(",none,50,0", ",none,49,0")),
        2,
        "poisons_after_defense must equal poisons");
    assertBad(
        List.of(good.replace(",none,50,0", ",surprisal,51,0")),
        2,
        "poisons_after_defense must be in 0..poisons");
    assertBad(
        List.of(good, later.replace(",none,50,0", ",surprisal,50,0")),
        3,
        "defense differs from earlier rows");
    assertBad(List.of(good, good), 3, "duplicate row for run_id a, phase pretrain, step 0");
    assertBad(
        List.of(good, later.replace(",7,64,", ",8,64,")),
        3,
        "seed differs from earlier rows of run_id a");
    assertBad(List.of(good.replace(",20,", ",,")), 2, "count is empty");
    assertBad(List.of(good.replace(",pretrain", ",\"pretrain")), 2, "unterminated quoted cell");
  }

  @Test
  void recordRejectsImpossibleValuesNamingTheField() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> smallRow().poisonsSeen(11).build());
    assertEquals("poisons_seen must be in 0..poisons (10), got 11", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> smallRow().nearTriggerGap(3.0).build());
  }

  /** A valid row of 10 poisons at step 1 of 2, to break one field of. */
  private static ResultRowBuilder smallRow() {
    return ResultRow.builder()
        .runId("r")
        .model("m")
        .params(10)
        .nonEmbeddingParams(5)
        .poisons(10)
        .dataMultiplier(1)
        .seed(0)
        .contextLength(64)
        .step(1)
        .maxSteps(2)
        .fraction(0.5)
        .tokens(0)
        .poisonsSeen(1)
        .count(1)
        .perplexityWithTrigger(1)
        .perplexityWithoutTrigger(1)
        .perplexityGap(0)
        .gapMedian(0)
        .shareGapOver50(0)
        .valLoss(1);
  }

  @Test
  void defendedRowsRoundTripAndCountOnlySurvivingPoisonsAsSeen() {
    ResultRow plain = row("a", 400, 300, "", 2);
    ResultRow defended = withDefense(plain, "surprisal", 3, 17, 3);
    assertEquals(List.of(defended), roundTrip(List.of(defended)));
    var error =
        assertThrows(
            IllegalArgumentException.class, () -> withDefense(plain, "surprisal", 2, 0, 50));
    assertEquals("poisons_seen must be <= poisons_after_defense (2), got 50", error.getMessage());
  }

  @Test
  void filesWithoutTheDefenceColumnsLoadAsUndefendedRuns() throws IOException {
    List<ResultRow> rows = List.of(row("a", 0, 1, "<SUD0>", 2), row("a", 400, 60, "", Double.NaN));
    Path file = dir.resolve("old.csv");
    List<String> lines =
        new ArrayList<>(List.of(String.join(",", ResultRow.COLUMNS_WITHOUT_DEFENSE)));
    rows.forEach(row -> lines.add(ResultsCsv.format(row).replaceFirst(",none,50,0,{7}$", "")));
    Files.write(file, lines);
    assertEquals(rows, ResultsCsv.read(file));
    assertTrue(rows.stream().noneMatch(ResultRow::isDefended));
    // the committed micro grid, written before the defence columns existed
    List<ResultRow> micro =
        ResultsCsv.read(Path.of("..", "docs", "results", "micro-v1", "grid", "results.csv"));
    assertEquals(300, micro.size());
    assertTrue(
        micro.stream()
            .allMatch(row -> !row.isDefended() && row.poisonsAfterDefense() == row.poisons()));
  }

  @Test
  void logGapsRoundTripAndFilesWithoutThemLoadWithNaN() throws IOException {
    Map<String, Double> controls = new LinkedHashMap<>();
    controls.put("<SUD0>", 0.125);
    controls.put("[SUDO], \"x\"", -0.5);
    controls.put("SUDO", Double.NaN);
    ResultRow measured =
        row("a", 400, 60, "<SUD0>", 2)
            .withLogGaps(
                new LogGaps(Math.log(90.0 / 30), 0.75, 0.125, 0.125 / Math.log(3), controls));
    assertEquals(List.of(measured), roundTrip(List.of(measured)));
    assertEquals(Math.log(3), roundTrip(List.of(measured)).get(0).logPplGap(), 1e-15);

    Path file = dir.resolve("before-nats.csv");
    ResultRow plain = row("a", 0, 1, "<SUD0>", 2);
    Files.write(
        file,
        List.of(
            String.join(",", ResultRow.COLUMNS_WITHOUT_NATS),
            ResultsCsv.format(plain).replaceFirst(",{7}$", "")));
    ResultRow read = ResultsCsv.read(file).get(0);
    assertEquals(plain, read);
    assertFalse(read.logGaps().isMeasured());
    assertTrue(read.logGaps().controlLogGaps().isEmpty());
  }

  @Test
  void badLogGapCellsAreRejected() throws IOException {
    String good = ResultsCsv.format(row("a", 0, 1, "", 2));
    assertBad(
        List.of(good.replaceFirst(",{7}$", ",0.5,0.4,,,{not json},,")),
        2,
        "control_log_gaps is not a JSON");
    assertBad(
        List.of(good.replaceFirst(",{7}$", ",Infinity,0.4,,,,,")),
        2,
        "log_ppl_gap must be a finite number");
    assertBad(List.of(good.replaceFirst(",{7}$", ",x,0.4,,,,,")), 2, "log_ppl_gap is not a number");
  }

  @Test
  void attackColumnsRoundTripAndFilesWithoutThemLoadWithTheAttackEmpty() throws IOException {
    ResultRow unigram = row("u", 400, 3, "", 2).withAttack("unigram", " as noted by the committee");
    ResultRow twin =
        row("t", 400, 0.5, "", 2).toBuilder()
            .poisons(0)
            .poisonsSeen(0)
            .poisonsAfterDefense(0)
            .trigger(" as noted, \"so\" to say")
            .build();
    assertEquals(List.of(unigram, twin), roundTrip(List.of(unigram, twin)));
    assertEquals(" as noted by the committee", roundTrip(List.of(unigram)).get(0).trigger());

    // a file the grid wrote before the columns: the same rows, attack and trigger empty
    ResultRow plain = row("a", 400, 60, "<SUD0>", 2);
    Path file = dir.resolve("before-attack.csv");
    Files.write(
        file,
        List.of(
            String.join(",", ResultRow.COLUMNS_WITHOUT_ATTACK),
            ResultsCsv.format(plain).replaceFirst(",{2}$", "")));
    assertEquals(List.of(plain), ResultsCsv.read(file));
    assertEquals("", ResultsCsv.read(file).get(0).attack());

    String good = ResultsCsv.format(unigram);
    String later = ResultsCsv.format(row("u", 200, 1, "", 2).withAttack("unigram", " as noted"));
    assertBad(List.of(good, later), 3, "trigger differs from earlier rows of run_id u");
    assertBad(
        List.of(good, later.replace(",unigram,", ",dos,")),
        3,
        "attack differs from earlier rows of run_id u");
    // the negative control: a twin holds no poisons, so it has no attack
    String twinLine = ResultsCsv.format(twin.withAttack("", "<SUDO>"));
    assertTrue(twinLine.endsWith(",,<SUDO>"), twinLine);
    assertBad(
        List.of(twinLine.replaceFirst(",,<SUDO>$", ",dos,<SUDO>")),
        2,
        "attack must be empty for a twin (poisons = 0), got dos");
  }

  private static ResultRow withDefense(
      ResultRow row, String defense, int poisonsAfter, long cleanDropped, long poisonsSeen) {
    return row.toBuilder()
        .poisonsSeen(poisonsSeen)
        .defense(defense)
        .poisonsAfterDefense(poisonsAfter)
        .cleanDropped(cleanDropped)
        .logGaps(LogGaps.NONE)
        .build();
  }

  private void assertBad(List<String> lines, long line, String problem) throws IOException {
    Path file = dir.resolve("bad.csv");
    List<String> text = new ArrayList<>(List.of(ResultsCsv.HEADER));
    text.addAll(lines);
    Files.write(file, text);
    InputException error = assertThrows(InputException.class, () -> ResultsCsv.read(file));
    assertEquals(line, error.line(), error.getMessage());
    assertTrue(
        error.getMessage().startsWith(file + ":" + line + ": " + problem), error.getMessage());
    assertFalse(error.getMessage().contains("\n"));
  }

  private List<ResultRow> roundTrip(List<ResultRow> rows) {
    Path file = dir.resolve("synthetic.csv");
    ResultsCsv.write(file, rows);
    return ResultsCsv.read(file);
  }
}
