/*
 * docs/sizes.md's table of the F2 / F4 rules against the committed CSVs they were copied from: every verdict,
 * "mean ± sd" and margin or position of the "own nats" and "share of the headroom" columns equals its row of
 * report/sizes_findings.csv, and the "fixed scorer" column its row of the mini-twin rescore, to the digits
 * printed. A doctored copy must fail (negative control).
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SizesDocsRulesTest {
  private static final Path SIZES = Path.of("..", "docs", "results", "sizes");
  private static final Path SIZES_MD = Path.of("..", "docs", "sizes.md");

  /** The table's columns and the file and scale each is copied from. */
  private static final Map<String, String[]> COLUMNS =
      Map.of(
          "own nats",
          new String[] {"report/sizes_findings.csv", "nats"},
          "share of the headroom",
          new String[] {"report/sizes_findings.csv", "headroom_share"},
          "fixed scorer",
          new String[] {"rescore/mini-twin/sizes_findings_fixed_scorer.csv", "fixed_scorer"});

  private static final Pattern SAME_COUNT =
      Pattern.compile("^F2, same count (\\d+): (\\w+) vs (\\w+)$");
  private static final Pattern MATCHED =
      Pattern.compile("^F2, matched fraction: (\\w+) (\\d+) vs (\\w+) (\\d+) / (\\w+) (\\d+)$");
  private static final Pattern OVERLAP = Pattern.compile("^F4 at (\\d+)(?::.*?(\\w+) vs (\\w+))?$");

  /** "`differ` (why): 1.73 ± 0.22 vs 2.86 ± 0.08 [/ 0.16 ± 0.07], margin 0.48 | position 1.72". */
  private static final Pattern CELL =
      Pattern.compile(
          "^`([^`]+)`(?: \\([^)]*\\))?: (\\S+) ± (\\S+) vs (\\S+) ± (\\S+)"
              + "(?: / (\\S+) ± (\\S+))?, (margin|position) (\\S+)$");

  @Test
  void theRulesTableIsTheSnapshots() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = check(Files.readAllLines(SIZES_MD), problems);
    assertEquals(List.of(), problems);
    // 8 questions on two scales, 5 on the fixed scorer
    assertTrue(checked >= 21, "cells checked: " + checked);
  }

  @Test
  void aDoctoredTableFails() throws IOException {
    List<String> doctored =
        Files.readAllLines(SIZES_MD).stream()
            .map(line -> line.replace("vs 2.86 ± 0.08, margin 0.48", "vs 2.86 ± 0.08, margin 0.58"))
            .map(line -> line.replace("`no overlap`: 0.018", "`inconclusive`: 0.018"))
            .toList();
    List<String> problems = new ArrayList<>();
    check(doctored, problems);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("margin"), problems.get(0));
    assertTrue(problems.get(1).contains("verdict"), problems.get(1));
  }

  /** Checks every rules cell under a "| question | own nats | ..." header; returns how many. */
  private static int check(List<String> lines, List<String> out) {
    Map<String, Map<String, Map<String, String>>> files = new HashMap<>();
    int checked = 0;
    String[] f4Pair = {"", ""};
    List<String> header = List.of();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = MarkdownTables.cells(lines.get(i));
      if (cells.isEmpty() || cells.get(0).equals("question")) {
        header = cells;
        continue;
      }
      String key = header.contains("own nats") ? key(cells.get(0), f4Pair) : null;
      if (header.contains("own nats") && key == null && !cells.get(0).matches("-+")) {
        out.add("line " + (i + 1) + ": a row label the test cannot read: " + cells.get(0));
      }
      for (int column = 1; key != null && column < cells.size(); column++) {
        Matcher cell = CELL.matcher(cells.get(column));
        String[] source = COLUMNS.get(header.get(column));
        if (source != null && cell.matches()) {
          Map<String, Map<String, String>> rows =
              files.computeIfAbsent(source[0], f -> rows(SIZES.resolve(f)));
          String where = "line " + (i + 1) + ", " + header.get(column) + ", " + cells.get(0);
          compare(where, cell, rows.get(key + "|" + source[1]), out);
          checked++;
        }
      }
    }
    return checked;
  }

  /**
   * A row label as the CSV's question and configurations ("F2 same count|micro 100|mini 100|"), or
   * null. The table names an F4 pair once and later F4 rows ("F4 at 250") mean the same pair, so
   * {@code f4Pair} carries it from row to row.
   */
  private static String key(String label, String[] f4Pair) {
    Matcher m = SAME_COUNT.matcher(label);
    if (m.matches()) {
      return configurations("F2 same count", m.group(2), m.group(1), m.group(3), m.group(1), "");
    }
    m = MATCHED.matcher(label);
    if (m.matches()) {
      return configurations(
          "F2 matched fraction",
          m.group(1),
          m.group(2),
          m.group(3),
          m.group(4),
          m.group(5) + " " + m.group(6));
    }
    m = OVERLAP.matcher(label);
    if (m.matches()) {
      if (m.group(2) != null) {
        f4Pair[0] = m.group(2);
        f4Pair[1] = m.group(3);
      }
      return configurations("F4 poisons seen", f4Pair[0], m.group(1), f4Pair[1], m.group(1), "");
    }
    return null;
  }

  private static String configurations(
      String question, String a, String countA, String b, String countB, String c) {
    return String.join("|", question, a + " " + countA, b + " " + countB, c);
  }

  private static void compare(
      String where, Matcher cell, Map<String, String> row, List<String> out) {
    if (row == null) {
      out.add(where + ": no such row in the CSV");
      return;
    }
    if (!cell.group(1).equals(row.get("verdict"))) {
      out.add(where + ": verdict " + cell.group(1) + ", CSV " + row.get("verdict"));
    }
    String last = cell.group(8).equals("margin") ? "margin95" : "position";
    String[] columns = {"mean_a", "sd_a", "mean_b", "sd_b", "mean_c", "sd_c", null, last};
    for (int g = 0; g < columns.length; g++) {
      String printed = cell.group(g + 2);
      if (printed != null && columns[g] != null) {
        double value = Double.parseDouble(row.get(columns[g]));
        if (!MarkdownTables.printedAs(printed, value)) {
          out.add(where + ": " + columns[g] + " " + printed + ", CSV " + value);
        }
      }
    }
  }

  /** A findings CSV's rows (column -> cell) by question, configurations and scale. */
  private static Map<String, Map<String, String>> rows(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> names = CsvCells.split(file, 1, lines.get(0)).cells();
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (int n = 1; n < lines.size(); n++) {
      List<String> cells = CsvCells.split(file, n + 1, lines.get(n)).cells();
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < names.size(); c++) {
        row.put(names.get(c), cells.get(c));
      }
      StringBuilder key = new StringBuilder(row.get("question"));
      for (String side : List.of("a", "b", "c")) {
        String model = row.get("model_" + side);
        key.append('|').append(model.isEmpty() ? "" : model + " " + row.get("poisons_" + side));
      }
      if (rows.put(key.append('|').append(row.get("scale")).toString(), row) != null) {
        throw new IllegalStateException(file + ":" + (n + 1) + ": a second row for " + key);
      }
    }
    return rows;
  }
}
