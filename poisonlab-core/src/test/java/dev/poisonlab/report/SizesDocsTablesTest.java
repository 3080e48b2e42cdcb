/*
 * The effect tables of the study across sizes in README.md and docs/sizes.md against the committed snapshot:
 * every "mean ± sd" cell equals its configuration's last-step effects in verdicts.csv to the printed two
 * decimals, and its verdict, seed count and poison share agree. The docs are copied by hand from the report, so
 * this is what keeps them from drifting when the snapshot grows; a doctored copy must fail (negative control).
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.SizeCells.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizesDocsTablesTest {
  private static final Path GRID = Path.of("..", "docs", "results", "sizes", "grid");
  private static final Path SIZES_MD = Path.of("..", "docs", "sizes.md");

  /** Half of the last printed decimal (two decimals), and a little for the float. */
  private static final double HALF_CENT = 0.005 + 1e-9;

  /**
   * "2.86 ± 0.08 (0.49%), `backdoor` (3)", or "2.69 (0.17%), `too-few-seeds` (1)" for one seed:
   * bold marks allowed; share, verdict and seeds optional, then free text after a comma without a
   * backtick (so a verdict the pattern cannot read fails the match instead of going unchecked;
   * "0.046%" alone is a share, not an effect).
   */
  private static final Pattern CELL =
      Pattern.compile(
          "^\\**(-?\\d+\\.\\d\\d)(?: ± (\\d+\\.\\d\\d))?\\**"
              + "(?: \\(([\\d.]+)%\\))?(?:, `([a-z -]+)` \\((\\d+)\\))?(?:[,;:] [^`]*)?$");

  /**
   * A size column: "micro", "micro (3 seeds)", "small (1 seed)", "micro, 348k (seeds)"; not "micro
   * at 1x" (history).
   */
  private static final Pattern SIZE =
      Pattern.compile("^(micro|mini|small)(, [\\d.]+[kM])?( \\(((\\d+) )?seeds?\\))?$");

  /**
   * A size column of a table: its size ("" for another column) and the seeds its header names (-1:
   * none).
   */
  private record Column(String size, int seeds) {}

  /** What verdicts.csv and the stream manifests say of one configuration at its last step. */
  private record Expected(Summary effects, String verdict, double sharePercent) {}

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/sizes.md"})
  void theEffectTableIsTheSnapshots(String doc) throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = check(Files.readAllLines(Path.of("..").resolve(doc)), expected(), problems);
    assertEquals(List.of(), problems);
    // micro's five counts and placebo, mini's three, small's one
    assertTrue(checked >= 10, doc + ": cells checked: " + checked);
  }

  @Test
  void aDoctoredTableFails() throws IOException {
    List<String> doctored =
        Files.readAllLines(SIZES_MD).stream()
            .map(line -> line.replace("**2.86 ± 0.08** (0.49%)", "**2.96 ± 0.08** (0.59%)"))
            .map(line -> line.replace("`mixed` (3) | | |", "`backdoor` (2) | | |"))
            .toList();
    List<String> problems = new ArrayList<>();
    check(doctored, expected(), problems);
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("mini at 1000: **2.96"), problems.get(0));
    assertTrue(problems.get(1).contains("mini at 1000: share 0.59%"), problems.get(1));
    assertTrue(problems.get(2).contains("placebo: verdict backdoor"), problems.get(2));
    assertTrue(problems.get(3).contains("placebo: seeds 2"), problems.get(3));
  }

  @Test
  void aHeaderWithTheWrongSeedCountFails() {
    List<String> table =
        List.of("| poisons | micro (2 seeds) |", "|---|---|", "| 1000 | 1.73 ± 0.22 (1.5%) |");
    List<String> problems = new ArrayList<>();
    assertEquals(1, check(table, expected(), problems));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("header says 2 seeds"), problems.get(0));
  }

  @Test
  void aCellWithoutAConfigurationFails() {
    List<String> table =
        List.of("| poisons | micro (seeds) |", "|---|---|", "| 77 | 0.10 ± 0.01 (0.1%) |");
    List<String> problems = new ArrayList<>();
    check(table, expected(), problems);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("micro at 77"), problems.get(0));
  }

  @Test
  void aMeanWithoutItsSpreadPassesOnlyForOneSeed() {
    // micro at 1000 has three seeds (mean 1.73), so "1.73" alone hides their spread
    List<String> table =
        List.of("| poisons | micro |", "|---|---|", "| 1000 | 1.73 (1.5%) |", "| 30 | 0.046% |");
    List<String> problems = new ArrayList<>();
    assertEquals(1, check(table, expected(), problems));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("micro at 1000"), problems.get(0));
  }

  /**
   * Checks every cell that reads as an effect (CELL) in the size columns of every "| poisons | size
   * ... |" table, and the seed count its column header names; returns how many cells it checked.
   * Other cells (shares alone, "not run", free text) are not read.
   */
  private static int check(List<String> lines, Map<String, Expected> expected, List<String> out) {
    int checked = 0;
    List<Column> columns = List.of();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = MarkdownTables.cells(lines.get(i));
      if (cells.isEmpty()) {
        columns = List.of();
      } else if (cells.get(0).equals("poisons")) {
        columns = cells.stream().map(SizesDocsTablesTest::column).toList();
      } else if (!columns.isEmpty() && cells.get(0).matches("\\d+(, placebo)?")) {
        for (int c = 1; c < Math.min(cells.size(), columns.size()); c++) {
          Column column = columns.get(c);
          Matcher cell = CELL.matcher(cells.get(c));
          if (!column.size().isEmpty() && cell.matches()) {
            String key = column.size() + " at " + cells.get(0);
            compare("line " + (i + 1) + ", " + key, cell, column, expected.get(key), out);
            checked++;
          }
        }
      }
    }
    return checked;
  }

  private static void compare(
      String where, Matcher cell, Column column, Expected expected, List<String> out) {
    if (expected == null) {
      out.add(where + ": no such configuration at its last step in verdicts.csv");
      return;
    }
    if (column.seeds() >= 0 && column.seeds() != expected.effects().n()) {
      out.add(
          where + ": header says " + column.seeds() + " seeds, snapshot " + expected.effects().n());
    }
    double mean = Double.parseDouble(cell.group(1));
    // a cell without "± sd" is one seed's effect
    boolean sdAgrees =
        cell.group(2) == null
            ? expected.effects().n() == 1
            : Math.abs(Double.parseDouble(cell.group(2)) - expected.effects().std()) <= HALF_CENT;
    if (Math.abs(mean - expected.effects().mean()) > HALF_CENT || !sdAgrees) {
      out.add(where + ": " + cell.group(0) + ", snapshot " + expected);
    }
    if (cell.group(3) != null && !sharePrinted(cell.group(3), expected.sharePercent())) {
      out.add(where + ": share " + cell.group(3) + "%, snapshot " + expected.sharePercent());
    }
    if (cell.group(4) != null && !cell.group(4).equals(expected.verdict())) {
      out.add(where + ": verdict " + cell.group(4) + ", snapshot " + expected.verdict());
    }
    if (cell.group(5) != null && Integer.parseInt(cell.group(5)) != expected.effects().n()) {
      out.add(where + ": seeds " + cell.group(5) + ", snapshot " + expected.effects().n());
    }
  }

  /** The printed share agrees to its last digit; NaN (no share known: a placebo) never does. */
  private static boolean sharePrinted(String printed, double actual) {
    return MarkdownTables.printedAs(printed, actual);
  }

  private static Column column(String header) {
    Matcher size = SIZE.matcher(header);
    if (!size.matches()) {
      return new Column("", -1);
    }
    return new Column(size.group(1), size.group(5) == null ? -1 : Integer.parseInt(size.group(5)));
  }

  /** "micro at 1000" / "micro at 1000, placebo" -> the snapshot's last-step numbers. */
  private static Map<String, Expected> expected() {
    GridResults results =
        new GridResults(AttackRows.of(GridDirectory.read(GRID), AttackFindings.read(GRID)).rows());
    Map<String, Double> shares = new HashMap<>();
    for (Cell cell : SizeCells.read(GRID, results).orElseThrow()) {
      shares.put(cell.label(), 100 * cell.fraction());
    }
    Path file = GRID.resolve(VerdictFindings.FILE);
    Map<String, Expected> expected = new HashMap<>();
    for (NamedCsv.Row row : NamedCsv.read(file, SizeCells.COLUMNS).orElseThrow()) {
      if (Boolean.parseBoolean(row.get("last_step"))) {
        boolean placebo = Boolean.parseBoolean(row.get("placebo"));
        String key = row.get("model") + " at " + row.get("poisons");
        expected.put(
            placebo ? key + ", placebo" : key,
            new Expected(
                Summary.of(row.reals(file, "effects_nats")),
                row.get("verdict"),
                placebo ? Double.NaN : shares.getOrDefault(key, Double.NaN)));
      }
    }
    return expected;
  }
}
