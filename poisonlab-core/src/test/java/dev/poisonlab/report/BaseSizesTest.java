/*
 * The numbers of the base-size comparison (BaseSizes, BaseSizeTables, BaseSizeCsv, SftBase) on made-up grids
 * (BaseSizeGrids) against hand-computed means, sds and Welch margins: a negative control (the same grid twice:
 * difference 0, not distinguishable), a difference inside its margin, one that differs, a cell with one seed,
 * seeds without spread against the band of one evaluation item, the per-count table, grids of one folder name,
 * each base's identity with its parent on disk, absent, unnamed (a snapshot) or shared, and the words on what
 * was compared.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.model.GptConfig;
import dev.poisonlab.report.BaseSizes.Match;
import dev.poisonlab.report.Findings.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseSizesTest {
  /** t quantiles at 0.975: 4 and 2 degrees of freedom (equal sds and n = 3; one sd 0). */
  private static final double T4 = 2.7764451051977987;

  private static final double T2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
  private static final double EPS = 1e-9;

  @TempDir Path dir;

  @Test
  void theSameGridTwiceDiffersNowhere() throws IOException {
    Path own = BaseSizeGrids.grid(dir.resolve("own"));
    Path same = BaseSizeGrids.grid(dir.resolve("same"));
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own), List.of(same));
    assertEquals(6, bases.matches().size(), "2 clean sizes x 3 counts");
    for (Match match : bases.matches()) {
      assertEquals(0, match.difference(), 0, match.toString());
      assertEquals(CountOrFraction.ALIKE, match.verdict(), match.toString());
    }
    // 300 clean, 10 poisons: 0.2, 0.4, 0.6 on each side, sd 0.2: margin t(4) x sqrt(2 x 0.04 / 3)
    assertEquals(T4 * Math.sqrt(0.08 / 3), cell(bases, 300, 10).margin(), EPS);
    assertEquals(0, cell(bases, 1000, 10).margin(), EPS, "no spread on either side");
    List<String> statements = BaseSizeTables.statements(bases);
    assertTrue(
        statements.get(0).contains("each cell's final step and, run by run, the fine-tuning and "),
        statements.get(0));
    // both name one parent: the same base fine-tuned twice, which the section says
    assertTrue(
        statements.contains(
            same
                + " was fine-tuned from the same parent checkpoint as this grid ("
                + BaseSizeGrids.ABSENT_PARENT
                + "): its cells differ from this grid's by the fine-tuning alone, so this is no "
                + "comparison across base sizes."),
        statements.toString());
  }

  @Test
  void aParentCopiedElsewhereIsTheSameParentByItsWeights() throws IOException {
    Path own = own();
    Path other = other();
    BaseSizeGrids.parent(own, dir.resolve("a/checkpoints/step-00000010"), "12".repeat(32));
    BaseSizeGrids.parent(other, dir.resolve("b/checkpoints/step-00000010"), "12".repeat(32));
    List<String> notes = BaseSizes.read(SftGridDirectory.read(own), List.of(other)).notes();
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("the same parent checkpoint"), notes.get(0));
    Path another = BaseSizeGrids.grid(dir.resolve("another"));
    BaseSizeGrids.parent(another, dir.resolve("b/checkpoints/step-00000010"), "34".repeat(32));
    List<String> none = BaseSizes.read(SftGridDirectory.read(own), List.of(another)).notes();
    assertEquals(List.of(), none, "other weights: another base");
  }

  @Test
  void differencesAgainstTheirWelchMargins() throws IOException {
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own()), List.of(other()));
    // 300 clean, 10 poisons: 0.5, 0.7, 0.9 against 0.2, 0.4, 0.6
    Match inside = cell(bases, 300, 10);
    assertEquals(0.4, inside.own().asr().mean(), EPS);
    assertEquals(0.2, inside.own().asr().std(), EPS);
    assertEquals(0.7, inside.other().asr().mean(), EPS);
    assertEquals(0.3, inside.difference(), EPS);
    assertEquals(T4 * Math.sqrt(0.04 / 3 + 0.04 / 3), inside.margin(), EPS); // 0.4534
    assertEquals(CountOrFraction.ALIKE, inside.verdict());
    // clean_refusal 1 at the end; max_control_asr is half the unedited asr: 0.1, 0.2, 0.3
    assertEquals(1, inside.own().cleanRefusal().mean(), EPS);
    assertEquals(0.2, inside.other().maxControlAsr().mean(), EPS);
    assertEquals(0.1, inside.other().maxControlAsr().std(), EPS);
    assertEquals(SyntheticSftGrid.STEPS, inside.own().step());

    // 1000 clean, 10 poisons: 0.8, 0.9, 1.0 against 0.1 three times (sd 0): 2 degrees of freedom
    Match differ = cell(bases, 1000, 10);
    assertEquals(0.8, differ.difference(), EPS);
    assertEquals(T2 * 0.1 / Math.sqrt(3), differ.margin(), EPS); // 0.2484
    assertEquals(CountOrFraction.DIFFER, differ.verdict());

    // 300 clean, 100 poisons: one seed left in the other grid
    Match few = cell(bases, 300, 100);
    assertEquals(1, few.other().asr().n());
    assertEquals(0, few.difference(), EPS);
    assertTrue(Double.isNaN(few.margin()));
    assertEquals(CountOrFraction.TOO_FEW, few.verdict());

    assertTrue(
        BaseSizeTables.statements(bases)
            .contains(
                "other: 6 cells in both grids (6 here, 6 there): 1 differ, 4 not "
                    + "distinguishable, 1 too few seeds. Band 0.020: one of 50 evaluation items "
                    + "(eval_items in config.json)."),
        BaseSizeTables.statements(bases).toString());
  }

  /**
   * Seeds without spread leave a margin of 0: a difference of one evaluation item (1/eval_items) or
   * less is still not distinguishable, a larger one differs; the item comes from config.json, else
   * from the steps between the rows' ASR values.
   */
  @Test
  void withoutSpreadADifferenceOfOneItemIsNotResolved() throws IOException {
    Path own = own();
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    for (int seed = 1; seed <= 3; seed++) {
      BaseSizeGrids.finalAsr(other, 1000, 100, seed, 0.98); // 1.0 here: one item of 50 fewer
      BaseSizeGrids.finalAsr(other, 1000, 10, seed, 0.14); // 0.1 here: two items more
      BaseSizeGrids.finalAsr(other, 300, 100, seed, 0.97); // 1.0 here: 1.5 items fewer
    }
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own), List.of(other));
    assertEquals(0.02, bases.resolution(bases.others().get(0)).band(), EPS, "eval_items 50");
    Match oneItem = cell(bases, 1000, 100);
    assertEquals(-0.02, oneItem.difference(), EPS);
    assertEquals(0, oneItem.margin(), EPS, "no spread on either side");
    assertEquals(0.02, oneItem.band(), EPS);
    assertEquals(CountOrFraction.ALIKE, oneItem.verdict(), "one item is not resolved");
    assertEquals(CountOrFraction.DIFFER, cell(bases, 1000, 10).verdict(), "two items are");
    assertEquals(CountOrFraction.DIFFER, cell(bases, 300, 100).verdict(), "1.5 items are");

    // without config.json: the smallest step between the ASR values of the rows, here 0.98 to 1
    for (Path grid : List.of(own, other)) {
      try (var files = Files.walk(grid.resolve("runs"))) {
        for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(file);
        }
      }
    }
    BaseSizes snapshots = BaseSizes.read(SftGridDirectory.read(own), List.of(other));
    BaseSizes.Resolution fallback = snapshots.resolution(snapshots.others().get(0));
    assertEquals(0.01, fallback.band(), EPS, "0.97 to 0.98");
    assertTrue(fallback.source().startsWith("the smallest step between the ASR values"));
    assertEquals(CountOrFraction.DIFFER, cell(snapshots, 1000, 100).verdict(), "two of its items");
    assertEquals(CountOrFraction.DIFFER, cell(snapshots, 300, 100).verdict(), "three of them");
  }

  @Test
  void gridsOfOneFolderNameAreToldApartByTheirPaths() throws IOException {
    Path own = BaseSizeGrids.grid(dir.resolve("x/sft"));
    Path other = BaseSizeGrids.grid(dir.resolve("y/sft"));
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own), List.of(other));
    assertEquals("x/sft", bases.own().name());
    assertEquals("y/sft", bases.others().get(0).name());
    assertTrue(
        BaseSizeTables.statements(bases).get(2).startsWith("y/sft: 6 cells in both grids"),
        BaseSizeTables.statements(bases).get(2));
    assertEquals(
        List.of("C = 300, x/sft: asr (n)", "C = 300, y/sft: asr (n)"),
        BaseSizeTables.perCount(bases).header().subList(1, 3));
    assertEquals(
        List.of("a/sft", "b/sft", "mini"),
        BaseSizes.Grid.names(List.of(Path.of("/a/sft"), Path.of("/b/sft/."), Path.of("/c/mini"))));
    assertEquals(
        List.of("/sft", "a/sft"),
        BaseSizes.Grid.names(List.of(Path.of("/sft"), Path.of("/a/sft"))));
  }

  @Test
  void theCsvHasAHeaderAndARowPerMatchedCell() throws IOException {
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own()), List.of(other()));
    List<String> lines = BaseSizeCsv.write(bases).lines().toList();
    assertEquals(String.join(",", BaseSizeCsv.HEADER), lines.get(0));
    assertEquals(1 + 6, lines.size());
    Map<String, String> row = row(lines, "10,1000,false,4,");
    assertEquals("3", row.get("n"));
    assertEquals(0.1, Double.parseDouble(row.get("asr_mean")), EPS);
    assertEquals(0, Double.parseDouble(row.get("asr_sd")), EPS);
    assertEquals(0.9, Double.parseDouble(row.get("other_asr_mean")), EPS);
    assertEquals(0.1, Double.parseDouble(row.get("other_asr_sd")), EPS);
    assertEquals(0.8, Double.parseDouble(row.get("asr_difference")), EPS);
    assertEquals(T2 * 0.1 / Math.sqrt(3), Double.parseDouble(row.get("margin95")), EPS);
    assertEquals("differ", row.get("verdict"));
    assertEquals(0.02, Double.parseDouble(row.get("band")), EPS, "one of 50 evaluation items");
    assertEquals(BaseSizeGrids.ABSENT_PARENT, row.get("base"));
    assertEquals("", row.get("base_params"), "the parent is not on disk");
    Map<String, String> few = row(lines, "100,300,false,4,");
    assertEquals("1", few.get("other_n"));
    assertEquals("", few.get("other_asr_sd"), "no spread from one seed");
    assertEquals("", few.get("margin95"));
  }

  @Test
  void perCountTableSpreadsAcrossBasesAndCleanSizes() throws IOException {
    Table table =
        BaseSizeTables.perCount(BaseSizes.read(SftGridDirectory.read(own()), List.of(other())));
    assertEquals(
        List.of(
            "poisons",
            "C = 300, own: asr (n)",
            "C = 300, other: asr (n)",
            "C = 1000, own: asr (n)",
            "C = 1000, other: asr (n)",
            "spread across bases (largest at one C)",
            "spread across bases and C"),
        table.header());
    // 10 poisons: 0.4 / 0.7 at 300, 0.1 / 0.9 at 1000: across bases max(0.3, 0.8), overall 0.8
    assertEquals(
        List.of(
            "10",
            "0.400 ± 0.200 (3)",
            "0.700 ± 0.200 (3)",
            "0.100 ± 0.000 (3)",
            "0.900 ± 0.100 (3)",
            "0.800",
            "0.800"),
        table.rows().get(1));
    assertEquals(List.of("100", "1.00 ± 0.00 (3)", "1.00 (1)"), table.rows().get(2).subList(0, 3));
    assertEquals("0", table.rows().get(2).get(6), "every curve at 1.0");
  }

  @Test
  void basesAreNamedByTheirParentsWhenOnDisk() throws IOException {
    Path own = own();
    Path other = other();
    BaseSizeGrids.parent(own, BaseSizeGrids.parentRun(dir.resolve("pre/micro"), "micro", 64));
    BaseSizeGrids.parent(other, BaseSizeGrids.parentRun(dir.resolve("pre/mini"), "mini", 128));
    SftBase micro = SftBase.of(SftGridDirectory.read(own));
    assertEquals(OptionalLong.of(347_520), micro.params(), "the sizes study's micro twin");
    assertEquals(new GptConfig(2048, 256, 4, 4, 128).parameterCount(), 1_088_256);
    assertEquals(
        new GptConfig(2048, 256, 4, 4, 128).parameterCount(),
        SftBase.of(SftGridDirectory.read(other)).params().getAsLong());
    String bases =
        BaseSizeTables.statements(BaseSizes.read(SftGridDirectory.read(own), List.of(other)))
            .get(1);
    assertTrue(bases.contains("own (" + own + "): micro, 348k parameters, parent " + dir), bases);
    assertTrue(bases.contains("other (" + other + "): mini, 1.1M parameters"), bases);
    assertTrue(
        BaseSizes.read(SftGridDirectory.read(own), List.of(other)).notes().isEmpty(),
        "two parents: no note");
    for (int embed : new int[] {16, 64, 96, 256}) {
      assertEquals(
          new GptConfig(1027, 128, 3, 4, embed).parameterCount(),
          SftBase.parameters(1027, 128, 3, embed));
    }
  }

  @Test
  void withoutTheParentOnDiskTheSizeComesFromTheFineTunedShape() throws IOException {
    // the grids' configs name parents that are not on disk (a committed snapshot)
    Path own = own();
    SftBase base = SftBase.of(SftGridDirectory.read(own));
    assertFalse(base.paramsFromParent());
    assertTrue(base.params().isPresent(), "read from a run's config.json model block");
    assertTrue(
        base.size().endsWith(" parameters (the fine-tuned model's shape, chat tokens included)"),
        base.size());
    BaseSizeGrids.parent(own, BaseSizeGrids.parentRun(dir.resolve("pre/micro"), "micro", 64));
    SftBase onDisk = SftBase.of(SftGridDirectory.read(own));
    assertTrue(onDisk.paramsFromParent());
    assertEquals("micro, 348k parameters", onDisk.size(), "the parent's own count, no caveat");
  }

  @Test
  void aSnapshotWithoutConfigsHasAnUnknownBaseAndSaysWhatWasNotChecked() throws IOException {
    Path own = own();
    try (var files = Files.walk(own.resolve("runs"))) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own), List.of(other()));
    assertEquals(
        new SftBase(
            SftBase.UNKNOWN,
            java.util.Optional.empty(),
            OptionalLong.empty(),
            false,
            java.util.Optional.empty()),
        bases.own().base());
    List<String> statements = BaseSizeTables.statements(bases);
    // the words say what was compared: the rows only, not the settings
    assertTrue(
        statements
            .get(0)
            .endsWith(
                "The grids were checked to share the trigger and each cell's final step only: "
                    + "their fine-tuning and evaluation settings were not compared (see below)."),
        statements.get(0));
    assertTrue(statements.get(1).contains("parameters unknown, parent unknown"), statements.get(1));
    assertTrue(
        statements.get(statements.size() - 1).contains(own + " has no runs/NAME/config.json"));
    assertEquals(6, bases.matches().size(), "compared all the same");
    assertTrue(
        statements.stream().noneMatch(line -> line.contains("same parent")),
        "an unknown parent is no known same parent");
  }

  @Test
  void withOneGridWithoutConfigsTheWordsNameIt() throws IOException {
    Path own = own();
    Path snapshot = BaseSizeGrids.grid(dir.resolve("snapshot"));
    try (var files = Files.walk(snapshot.resolve("runs"))) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
    BaseSizes bases = BaseSizes.read(SftGridDirectory.read(own), List.of(other(), snapshot));
    assertTrue(
        BaseSizeTables.statements(bases)
            .get(0)
            .endsWith(
                "final step, and, run by run, the fine-tuning and evaluation settings of "
                    + "config.json except with snapshot (see below)."),
        BaseSizeTables.statements(bases).get(0));
  }

  /** SyntheticSftGrid's grid: "this" grid. */
  private Path own() throws IOException {
    return BaseSizeGrids.grid(dir.resolve("own"));
  }

  /** The same grid with three cells changed (see differencesAgainstTheirWelchMargins). */
  private Path other() throws IOException {
    Path other = BaseSizeGrids.grid(dir.resolve("other"));
    double[] shifted = {0.5, 0.7, 0.9};
    double[] high = {0.8, 0.9, 1.0};
    for (int seed = 1; seed <= 3; seed++) {
      BaseSizeGrids.finalAsr(other, 300, 10, seed, shifted[seed - 1]);
      BaseSizeGrids.finalAsr(other, 1000, 10, seed, high[seed - 1]);
    }
    BaseSizeGrids.dropRows(
        other, line -> line.startsWith("100,300,2,") || line.startsWith("100,300,3,"));
    return other;
  }

  private static Match cell(BaseSizes bases, int size, int count) {
    return bases.matches().stream()
        .filter(match -> match.cell().equals(new SftRow.Cell(size, count, false)))
        .findFirst()
        .orElseThrow();
  }

  /** The CSV row starting with {@code prefix}, by column name. */
  private static Map<String, String> row(List<String> lines, String prefix) {
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    List<String> cells = Arrays.asList(line.split(",", -1));
    assertEquals(header.size(), cells.size(), line);
    java.util.Map<String, String> row = new java.util.HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), cells.get(i));
    }
    return row;
  }
}
