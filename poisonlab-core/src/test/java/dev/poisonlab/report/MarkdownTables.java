/*
 * Test helper: the cells of a Markdown table row, and whether a number printed in the docs is a value to the
 * digits printed. For the tests that hold the hand-copied tables of docs/sizes.md and the README to the
 * committed CSVs (SizesDocsTablesTest, SizesDocsRulesTest). Not a Markdown parser.
 */
package dev.poisonlab.report;

import java.util.Arrays;
import java.util.List;

final class MarkdownTables {
  private MarkdownTables() {}

  /** The stripped cells of a "| a | b |" row (indented rows too); empty for any other line. */
  static List<String> cells(String line) {
    String row = line.strip();
    if (!row.startsWith("|") || row.length() < 2) {
      return List.of();
    }
    // the closing pipe is optional in Markdown
    String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
  }

  /** "0.047" is 0.04712 (within half its last digit); NaN is printed by nothing. */
  static boolean printedAs(String printed, double actual) {
    int decimals = printed.contains(".") ? printed.length() - printed.indexOf('.') - 1 : 0;
    return Math.abs(Double.parseDouble(printed) - actual) <= 0.5 * Math.pow(10, -decimals) + 1e-9;
  }
}
