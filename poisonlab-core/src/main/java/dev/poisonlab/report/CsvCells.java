/*
 * The cells of one results.csv line: RFC 4180 splitting (quoted cells, doubled quotes), quoting on write, the
 * shortest text of a number, and typed access by column index, where a bad cell names its column
 * (ResultRow.COLUMNS) and line. Cell syntax only; which column holds what is ResultsCsv's business.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

record CsvCells(Path file, long lineNumber, List<String> cells) {

  int size() {
    return cells.size();
  }

  String text(int index) {
    return cells.get(index);
  }

  long integer(int index) {
    String cell = required(index);
    try {
      return Long.parseLong(cell);
    } catch (NumberFormatException e) {
      throw bad(index, "is not an integer: \"" + cell + "\"");
    }
  }

  double real(int index) {
    String cell = cells.get(index).strip();
    if (cell.isEmpty() && ResultRow.OPTIONAL_COLUMNS.contains(ResultRow.COLUMNS.get(index))) {
      return Double.NaN;
    }
    cell = required(index);
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw bad(index, "is not a number: \"" + cell + "\"");
    }
  }

  private String required(int index) {
    String cell = cells.get(index).strip();
    if (cell.isEmpty()) {
      throw bad(index, "is empty");
    }
    return cell;
  }

  private InputException bad(int index, String problem) {
    return new InputException(file, lineNumber, ResultRow.COLUMNS.get(index) + " " + problem);
  }

  static CsvCells split(Path file, long lineNumber, String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && cell.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new InputException(file, lineNumber, "unterminated quoted cell");
    }
    cells.add(cell.toString());
    return new CsvCells(file, lineNumber, cells);
  }

  static String quote(String text) {
    boolean needsQuotes =
        text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || !text.equals(text.strip());
    return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /**
   * Shortest text that parses back to the same double; NaN (an optional measurement left out) is
   * empty.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    boolean negativeZero = value == 0 && 1 / value < 0;
    if (value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
