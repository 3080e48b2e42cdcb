/*
 * A grid of two attacks on SYNTHETIC rows (SyntheticGrid's toy-s at 1x, 0 and 100 poisons, 3 seeds, as dos with
 * <SUDO> and unigram with a natural trigger, each with its twin): figures per attack, each line paired with its
 * own trigger's twin, tables naming both; an older results.csv (attacks.csv, or run ids and grid.json only) gives
 * the same page; one attack's runs so far pair with their own twin only. Negative control: one attack's figures.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackReportTest {
  private static final String SUDO = "<SUDO>";
  private static final String NATURAL = " as noted by the committee";

  /** The made-up final gaps of the unigram attack and of its twin, apart from every dos value. */
  private static final double UNIGRAM_GAP = 7;

  private static final double UNIGRAM_TWIN_GAP = 0.5;

  @TempDir Path dir;

  /** toy-s at 1x, pretraining, 0 and 100 poisons: SyntheticGrid's numbers, the dos attack. */
  private static List<ResultRow> base() {
    return SyntheticGrid.rows().stream()
        .filter(
            row ->
                row.model().equals("toy-s")
                    && row.dataMultiplier() == 1
                    && row.isPretrain()
                    && (row.poisons() == 0 || row.poisons() == 100))
        .toList();
  }

  /** Both attacks' rows as the grid writes them now: attack and trigger columns filled. */
  private static List<ResultRow> rows() {
    List<ResultRow> rows = new ArrayList<>();
    for (ResultRow row : base()) {
      boolean twin = row.poisons() == 0;
      rows.add(
          row.toBuilder().runId(id(row, "dos")).attack(twin ? "" : "dos").trigger(SUDO).build());
    }
    for (ResultRow row : base()) {
      boolean twin = row.poisons() == 0;
      double gap = twin ? UNIGRAM_TWIN_GAP : UNIGRAM_GAP + row.seed();
      rows.add(
          row.toBuilder()
              .runId(id(row, "unigram"))
              .perplexityWithTrigger(row.perplexityWithoutTrigger() + gap)
              .perplexityGap(gap)
              .gapMedian(gap)
              .attack(twin ? "" : "unigram")
              .trigger(NATURAL)
              .build());
    }
    return rows;
  }

  /** Run ids as a grid names them: -aSTRATEGY, the twin of the other trigger -tSTRATEGY. */
  private static String id(ResultRow row, String attack) {
    if (row.poisons() > 0) {
      return row.runId() + "-a" + attack;
    }
    return attack.equals("dos") ? row.runId() : row.runId() + "-t" + attack;
  }

  /** attacks.csv for these runs (the gaps are not what is tested here; the names are). */
  private static String attacksCsv(List<ResultRow> rows) {
    StringBuilder csv = new StringBuilder(String.join(",", AttackFindings.COLUMNS)).append('\n');
    rows.stream()
        .filter(row -> row.poisons() > 0 && row.step() == row.maxSteps())
        .forEach(
            row -> {
              String twin =
                  row.attack().equals("dos")
                      ? row.runId().replace("-p100-", "-p0-").replace("-ados", "")
                      : row.runId().replace("-p100-", "-p0-").replace("-aunigram", "-tunigram");
              csv.append(
                      String.join(
                          ",",
                          row.runId(),
                          twin,
                          row.model(),
                          "1.0",
                          Long.toString(row.seed()),
                          row.attack(),
                          "none",
                          "100",
                          "100",
                          "",
                          "",
                          "0",
                          "",
                          Long.toString(row.step()),
                          "",
                          "",
                          ""))
                  .append('\n');
            });
    return csv.toString();
  }

  private static Path grid(Path directory, List<ResultRow> rows, boolean oldFormat)
      throws IOException {
    Files.createDirectories(directory);
    write(directory.resolve(GridDirectory.RESULTS), rows, oldFormat);
    Files.writeString(directory.resolve(AttackFindings.FILE), attacksCsv(rows));
    Files.writeString(
        directory.resolve(GridDirectory.GRID),
        "{\"strategies\": [\"dos\", \"unigram\"], \"trigger\": \"<SUDO>\","
            + " \"strategy_triggers\": {\"unigram\": \""
            + NATURAL
            + "\"}}");
    return directory;
  }

  /** Seed 1's poisoned runs again as placebos: runs/<id>-placebo/rows.csv, "-aSTRATEGY-placebo". */
  private static void placebos(Path directory, boolean oldFormat) throws IOException {
    for (String attack : List.of("dos", "unigram")) {
      List<ResultRow> run =
          rows().stream()
              .filter(row -> row.seed() == 1 && row.attack().equals(attack))
              .map(row -> row.toBuilder().runId(row.runId() + GridDirectory.PLACEBO_SUFFIX).build())
              .toList();
      Path runDirectory = directory.resolve(GridDirectory.RUNS).resolve(run.get(0).runId());
      write(Files.createDirectories(runDirectory).resolve(GridDirectory.ROWS), run, oldFormat);
    }
  }

  /** A results.csv or rows.csv; the old format is the header and cells before the attack column. */
  private static void write(Path file, List<ResultRow> rows, boolean oldFormat) throws IOException {
    if (!oldFormat) {
      ResultsCsv.write(file, rows);
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", ResultRow.COLUMNS_WITHOUT_ATTACK));
    for (ResultRow row : rows) {
      lines.add(ResultsCsv.format(row.withAttack("", "")).replaceFirst(",,$", ""));
    }
    Files.write(file, lines);
  }

  @Test
  void everyFigureIsDrawnPerAttackAgainstTheTwinOfItsOwnTrigger() throws IOException {
    Path grid = grid(dir.resolve("new").resolve("grid"), rows(), false);
    // an earlier report of this grid, from before its second attack, and a user's file
    Path out = dir.resolve("new").resolve("report");
    Files.createDirectories(out);
    Path stale = Files.writeString(out.resolve("a-gap-vs-progress.png"), "one attack");
    Path notes = Files.writeString(out.resolve("notes.txt"), "mine");
    ReportResult report = Report.write(grid, out);
    assertFalse(Files.exists(stale), "the stale figure is removed");
    assertEquals("mine", Files.readString(notes));
    assertTrue(Files.exists(out.resolve("a-gap-vs-progress-dos.png")), "this run's figure stays");
    List<String> names =
        report.pngs().stream().map(png -> png.getFileName().toString()).sorted().toList();
    for (String attack : List.of("dos", "unigram")) {
      for (String figure :
          List.of("a-gap-vs-progress", "c-final-gap-vs-poisons", "i-final-log-gap-vs-poisons")) {
        assertTrue(names.contains(figure + "-" + attack + ".png"), figure + ": " + names);
      }
    }
    assertFalse(names.contains("a-gap-vs-progress.png"), "no figure mixes the attacks");
    assertEquals(0, names.size() % 2, "the same figures for each attack: " + names);

    String html = Files.readString(report.html());
    assertTrue(html.contains("— attack unigram (trigger “" + NATURAL + "”)"), "titles name both");
    assertTrue(html.contains("— attack dos (trigger “&lt;SUDO&gt;”)"));
    assertFalse(html.contains("show the first attack"));
    assertTrue(html.contains("toy-s (no filter, attack unigram)"), "tables name the attack");
    assertTrue(html.contains("toy-s (no filter, attack dos)"));
    assertTrue(html.contains(" result rows from 12 runs"), "a shared twin counts once");

    GridResults results =
        new GridResults(AttackRows.of(GridDirectory.read(grid), AttackFindings.read(grid)).rows());
    Line unigram = line(results, "unigram");
    List<ResultRow[]> pairs = results.twinPairs(new Config(unigram, 100));
    assertEquals(SyntheticGrid.SEEDS, pairs.size());
    for (ResultRow[] pair : pairs) {
      assertEquals(UNIGRAM_GAP + pair[0].seed(), pair[0].perplexityGap(), 1e-12);
      assertEquals(UNIGRAM_TWIN_GAP, pair[1].perplexityGap(), 1e-12, "its own trigger's twin");
      assertTrue(pair[1].runId().endsWith("-tunigram"), pair[1].runId());
    }
    for (ResultRow[] pair : results.twinPairs(new Config(line(results, "dos"), 100))) {
      assertFalse(pair[1].runId().endsWith("-tunigram"), "the <SUDO> twin: " + pair[1].runId());
      assertEquals(SyntheticGrid.finalGap(0, 0, (int) pair[1].seed()), pair[1].perplexityGap());
    }
  }

  @Test
  void aResultsFileFromBeforeTheAttackColumnGivesTheSamePage() throws IOException {
    Path fresh = grid(dir.resolve("new").resolve("grid"), rows(), false);
    Path old = grid(dir.resolve("old").resolve("grid"), rows(), true);
    assertTrue(
        Files.readAllLines(old.resolve(GridDirectory.RESULTS))
            .get(0)
            .endsWith(",control_log_gaps"));
    assertTrue(ResultsCsv.read(old.resolve(GridDirectory.RESULTS)).get(0).attack().isEmpty());
    ReportResult newReport = Report.write(fresh, dir.resolve("new").resolve("report"));
    ReportResult oldReport = Report.write(old, dir.resolve("old").resolve("report"));
    assertEquals(
        Files.readString(newReport.html()).replace(fresh.toString(), "GRID"),
        Files.readString(oldReport.html()).replace(old.toString(), "GRID"));
    assertEquals(newReport.pngs().size(), oldReport.pngs().size());
    for (int i = 0; i < newReport.pngs().size(); i++) {
      assertEquals(newReport.pngs().get(i).getFileName(), oldReport.pngs().get(i).getFileName());
      Path png = newReport.pngs().get(i);
      assertArrayEquals(
          Files.readAllBytes(png), Files.readAllBytes(oldReport.pngs().get(i)), png.toString());
    }
  }

  @Test
  void aResultsFileFromBeforeTheAttackColumnWithoutAttacksCsvGivesTheSamePage() throws IOException {
    Path fresh = grid(dir.resolve("new").resolve("grid"), rows(), false);
    Path old = grid(dir.resolve("old").resolve("grid"), rows(), true);
    Files.delete(old.resolve(AttackFindings.FILE));
    Files.delete(fresh.resolve(AttackFindings.FILE));
    placebos(fresh, false);
    placebos(old, true);
    // the run ids and grid.json alone name the attacks: before the fix two attacks' runs of one
    // count and seed fell on one line and the report failed with "Duplicate key"
    AttackRows attacks = AttackRows.of(GridDirectory.read(old), Optional.empty());
    assertEquals(List.of("dos", "unigram"), attacks.attacks().stream().map(a -> a.name()).toList());
    assertEquals(NATURAL, attacks.attacks().get(1).trigger());
    assertEquals(2 * SyntheticGrid.CHECKPOINTS, attacks.placeboRows().size());
    List<String> named = attacks.placeboRows().stream().map(r -> r.attack() + r.trigger()).toList();
    assertEquals(List.of("dos" + SUDO, "unigram" + NATURAL), named.stream().distinct().toList());
    ReportResult newReport = Report.write(fresh, dir.resolve("new").resolve("report"));
    ReportResult oldReport = Report.write(old, dir.resolve("old").resolve("report"));
    assertEquals(
        Files.readString(newReport.html()).replace(fresh.toString(), "GRID"),
        Files.readString(oldReport.html()).replace(old.toString(), "GRID"));
    assertEquals(
        newReport.pngs().stream().map(png -> png.getFileName().toString()).toList(),
        oldReport.pngs().stream().map(png -> png.getFileName().toString()).toList());
  }

  @Test
  void oneAttackKeepsTheFigureNamesAndLinesItAlwaysHad() throws IOException {
    List<ResultRow> dos = rows().stream().filter(row -> row.trigger().equals(SUDO)).toList();
    Path grid = dir.resolve("one");
    Files.createDirectories(grid);
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), dos);
    ReportResult report = Report.write(grid, dir.resolve("one-report"));
    List<String> names = report.pngs().stream().map(png -> png.getFileName().toString()).toList();
    assertTrue(names.contains("a-gap-vs-progress.png"), names.toString());
    assertTrue(names.stream().noneMatch(name -> name.contains("-dos")), names.toString());
    String html = Files.readString(report.html());
    assertFalse(html.contains("attack dos"), "no attack wording with one attack");
    AttackRows one = AttackRows.of(GridDirectory.read(grid), Optional.empty());
    assertTrue(one.attacks().isEmpty());
    assertTrue(one.rows().stream().allMatch(row -> row.attack().isEmpty()));
  }

  @Test
  void aGridWithOneAttackFinishedPairsItWithItsOwnTwinOnly() throws IOException {
    // the twins of every trigger run first in each cell, so a grid stopped (or a shard done)
    // before the unigram runs holds both twins beside the dos runs alone
    List<ResultRow> partial =
        rows().stream().filter(row -> !row.attack().equals("unigram")).toList();
    Path grid = dir.resolve("partial");
    Files.createDirectories(grid);
    ResultsCsv.write(grid.resolve(GridDirectory.RESULTS), partial);
    ReportResult report = Report.write(grid, dir.resolve("partial-report"));
    assertTrue(
        report.pngs().stream().anyMatch(png -> png.endsWith("a-gap-vs-progress.png")),
        report.pngs().toString());
    AttackRows one = AttackRows.of(GridDirectory.read(grid), Optional.empty());
    assertTrue(one.attacks().isEmpty(), "one attack so far: drawn as before");
    assertTrue(
        one.rows().stream().noneMatch(row -> row.trigger().equals(NATURAL)),
        "the other trigger's twin is left out");
    GridResults results = new GridResults(one.rows());
    List<ResultRow[]> pairs = results.twinPairs(new Config(results.lines().get(0), 100));
    assertEquals(SyntheticGrid.SEEDS, pairs.size());
    pairs.forEach(pair -> assertEquals(SUDO, pair[1].trigger(), pair[1].runId()));
  }

  private static Line line(GridResults results, String attack) {
    return results.lines().stream()
        .filter(line -> line.attack().equals(attack))
        .findFirst()
        .orElseThrow();
  }
}
