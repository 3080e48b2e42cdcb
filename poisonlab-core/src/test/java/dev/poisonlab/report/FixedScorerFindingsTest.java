/*
 * F2 on a rescore's fixed-scorer effects (report --effects) on the committed sizes grid and its mini-twin
 * rescore (a frozen copy in test resources, less what these tests do not read: per-excerpt files, rows.csv
 * copies, twin tests, the tokenizer cache): the own-score columns give the report's F2 rows again, the fixed
 * ones docs/sizes.md's "One ruler" numbers (first computed by a Python re-implementation of these rules); a
 * report without --effects is the report before it, byte for byte; a file that is not an effects.csv, or one
 * naming a configuration or seed the grid lacks, is refused with its file and line and nothing written.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.report.SizeComparison.Scale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedScorerFindingsTest {
  // docs/results/sizes/grid at git f347844 (22 runs, seeds 1-2) and
  // docs/results/sizes/rescore/mini-twin/effects.csv of session 8
  private static final Path SNAPSHOT =
      Path.of("src", "test", "resources", "sizes-session8", "grid");
  private static final Path EFFECTS =
      Path.of("src", "test", "resources", "sizes-session8", "rescore", "effects.csv");

  /** docs/sizes.md's rounding. */
  private static final double TWO_DECIMALS = 0.006;

  @TempDir Path dir;

  @Test
  void theOwnScoresGiveTheReportsF2RowsAgain() {
    GridResults results = results(SNAPSHOT);
    FixedScorerFindings fixed = FixedScorerFindings.read(EFFECTS, SNAPSHOT, results);
    SizeFindings report = SizeFindings.read(SNAPSHOT, results).orElseThrow();
    List<SizeComparison> reportF2 = new ArrayList<>(report.sameCount());
    reportF2.addAll(report.matched());
    // docs/results/sizes/report/sizes_findings.csv (nats): the numbers the rescore must reproduce
    SizeComparison at250 = only(fixed.own(), CountOrFraction.SAME_COUNT, "micro at 250");
    assertEquals(-0.70, at250.estimate(), TWO_DECIMALS);
    assertEquals(0.34, at250.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.DIFFER, at250.verdict());
    SizeComparison at1000 = only(fixed.own(), CountOrFraction.SAME_COUNT, "micro at 1000");
    assertEquals(-1.17, at1000.estimate(), TWO_DECIMALS);
    assertEquals(1.61, at1000.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.ALIKE, at1000.verdict());
    SizeComparison triad = only(fixed.own(), CountOrFraction.MATCHED_FRACTION, "mini at 1000");
    assertEquals(1.80, triad.position(), TWO_DECIMALS);
    assertEquals(1.91, triad.estimate(), TWO_DECIMALS);
    assertEquals(0.43, triad.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.COUNT, triad.verdict());
    // and every F2 row of the report's own computation (verdicts.csv), in full: the rescore read
    // the same runs
    assertEquals(SizeTables.csv(reportF2), SizeTables.csv(fixed.own()));
  }

  @Test
  void theFixedScorerGivesTheOneRulerNumbers() {
    FixedScorerFindings fixed = FixedScorerFindings.read(EFFECTS, SNAPSHOT, results(SNAPSHOT));
    assertTrue(fixed.fixed().stream().allMatch(c -> c.scale() == Scale.FIXED_SCORER));
    // docs/sizes.md, "One ruler": mini − micro 1.06 (margin 0.95) at 250, 2.20 (3.73) at 1000
    SizeComparison at250 = only(fixed.fixed(), CountOrFraction.SAME_COUNT, "micro at 250");
    assertEquals(-1.06, at250.estimate(), TWO_DECIMALS);
    assertEquals(0.95, at250.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.DIFFER, at250.verdict());
    SizeComparison at1000 = only(fixed.fixed(), CountOrFraction.SAME_COUNT, "micro at 1000");
    assertEquals(-2.20, at1000.estimate(), TWO_DECIMALS);
    assertEquals(3.73, at1000.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.ALIKE, at1000.verdict());
    // matched fraction: position 1.77, distance from the midpoint 3.62 (margin 1.10)
    SizeComparison triad = only(fixed.fixed(), CountOrFraction.MATCHED_FRACTION, "mini at 1000");
    assertEquals(1.77, triad.position(), TWO_DECIMALS);
    assertEquals(3.62, triad.estimate(), TWO_DECIMALS);
    assertEquals(1.10, triad.noise(), TWO_DECIMALS);
    assertEquals("micro at 1000", triad.cells().get(1).label());
    assertEquals("micro at 300", triad.cells().get(2).label());
    assertEquals(CountOrFraction.COUNT, triad.verdict());
    // the band is the fixed scale's: mini's twins scored by the fixed model, 0.0724764
    assertEquals(0.0724764, triad.band(), 1e-9);
  }

  @Test
  void withoutEffectsTheReportIsUnchangedAndWithThemASectionAndATable() throws IOException {
    Path without = dir.resolve("without");
    Path with = dir.resolve("with");
    ReportResult plain = Report.write(SNAPSHOT, without, List.of());
    ReportResult fixed = Report.write(SNAPSHOT, with, List.of(), Optional.of(EFFECTS));
    assertFalse(Files.exists(without.resolve(FixedScorerFindings.FILE)));
    assertEquals(List.of(without.resolve(SizeFindings.FILE)), plain.tables());
    assertEquals(
        List.of(with.resolve(SizeFindings.FILE), with.resolve(FixedScorerFindings.FILE)),
        fixed.tables());
    assertEquals(
        Files.readString(without.resolve(SizeFindings.FILE)),
        Files.readString(with.resolve(SizeFindings.FILE)));
    String htmlWithout = Files.readString(plain.html());
    String htmlWith = Files.readString(fixed.html());
    assertFalse(htmlWithout.contains("fixed-scorer"));
    int from = htmlWith.indexOf("<h2 id=\"fixed-scorer\">");
    int to = htmlWith.indexOf("<h2", from + 1);
    assertTrue(from > 0 && to > from, "the section, followed by the next one");
    String section = htmlWith.substring(from, to);
    assertTrue(
        section.contains(
            HtmlReport.escape(
                "On the fixed scorer's scale. F2, count or fraction: count decides (1 count decides,"
                    + " 1 inconclusive of 2 comparisons).")),
        section);
    // the report without --effects is the one with it less that section, byte for byte
    assertEquals(htmlWithout, htmlWith.substring(0, from) + htmlWith.substring(to));
    List<String> csv = Files.readAllLines(with.resolve(FixedScorerFindings.FILE));
    assertEquals(String.join(",", SizeTables.CSV_HEADER), csv.get(0));
    assertEquals(1 + 5 + 5, csv.size(), "3 same-count pairs and 2 triads on each scale");
    assertTrue(
        csv.get(2)
            .endsWith(
                ",differ,the difference exceeds its 95% margin and the band," + "fixed_scorer"),
        csv.get(2));
    // a later report without --effects into the same directory removes the stale table
    Report.write(SNAPSHOT, with, List.of());
    assertFalse(Files.exists(with.resolve(FixedScorerFindings.FILE)));
  }

  @Test
  void aFileThatIsNotARescoresEffectsIsRefusedAndNothingIsWritten() {
    Path verdicts = SNAPSHOT.resolve(VerdictFindings.FILE);
    Path out = dir.resolve("out");
    InputException error =
        assertThrows(
            InputException.class,
            () -> Report.write(SNAPSHOT, out, List.of(), Optional.of(verdicts)));
    assertTrue(error.getMessage().startsWith(verdicts + ":1: no column"), error.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void aConfigurationOrSeedTheGridLacksIsRefusedWithItsLine() throws IOException {
    List<String> lines = Files.readAllLines(EFFECTS);
    Path unknown = dir.resolve("unknown.csv");
    Files.write(
        unknown, List.of(lines.get(0), lines.get(1), lines.get(2).replace(",100,", ",400,")));
    Path out = dir.resolve("out");
    InputException error =
        assertThrows(
            InputException.class,
            () -> Report.write(SNAPSHOT, out, List.of(), Optional.of(unknown)));
    assertEquals(
        unknown + ":3: the grid has no configuration micro x1 none at 400", error.getMessage());
    Path seed = dir.resolve("seed.csv");
    Files.write(seed, List.of(lines.get(0), lines.get(1).replace(",1 2,", ",1 7,")));
    error =
        assertThrows(
            InputException.class, () -> Report.write(SNAPSHOT, out, List.of(), Optional.of(seed)));
    assertEquals(
        seed + ":2: seed 7 of micro at 30 is not in the grid's results.csv", error.getMessage());
    Path malformed = dir.resolve("malformed.csv");
    Files.write(malformed, List.of(lines.get(0), lines.get(1).replace("-0.0124551", "x")));
    error =
        assertThrows(
            InputException.class,
            () -> Report.write(SNAPSHOT, out, List.of(), Optional.of(malformed)));
    assertTrue(error.getMessage().startsWith(malformed + ":2: effects_fixed"), error.getMessage());
    assertFalse(Files.exists(out));
  }

  /** The grid's results as Report reads them. */
  private static GridResults results(Path grid) {
    return new GridResults(
        AttackRows.of(GridDirectory.read(grid), AttackFindings.read(grid)).rows());
  }

  private static SizeComparison only(
      List<SizeComparison> comparisons, String question, String firstCell) {
    List<SizeComparison> found =
        comparisons.stream()
            .filter(c -> c.question().equals(question))
            .filter(c -> c.cells().get(0).label().equals(firstCell))
            .toList();
    assertEquals(1, found.size(), question + " " + firstCell + ": " + found);
    return found.get(0);
  }
}
