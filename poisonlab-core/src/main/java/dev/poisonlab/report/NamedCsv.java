/*
 * A small comma-separated file read by column name, for the grid's derived tables (twin_tests.csv,
 * verdicts.csv) that the report shows when they exist. Cells hold no commas or quotes (the writers make sure
 * of that), so a line splits on ','. Not a general CSV reader: results.csv has its own (ResultsCsv).
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class NamedCsv {
  private NamedCsv() {}

  /** One data line: its 1-based line number (for errors) and its cells by column name. */
  record Row(long line, Map<String, String> cells) {
    String get(String column) {
      return cells.get(column);
    }

    String getOrDefault(String column, String absent) {
      return cells.getOrDefault(column, absent);
    }

    /** The cell as a number, NaN when empty; anything else names {@code file} and this line. */
    double real(Path file, String column) {
      String cell = get(column).strip();
      if (cell.isEmpty()) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw new InputException(file, line, column + " is not a number: \"" + cell + "\"");
      }
    }

    /**
     * A cell of space-separated numbers (one per seed); an empty item is a NaN the writer left out
     * and keeps its seed's position.
     */
    double[] reals(Path file, String column) {
      String cell = get(column).strip();
      try {
        return cell.isEmpty()
            ? new double[0]
            : Arrays.stream(cell.split(" ", -1))
                .mapToDouble(item -> item.isEmpty() ? Double.NaN : Double.parseDouble(item))
                .toArray();
      } catch (NumberFormatException e) {
        throw new InputException(file, line, column + " holds a non-number: \"" + cell + "\"");
      }
    }

    boolean bool(Path file, String column) {
      String cell = get(column).strip();
      if (!cell.equals("true") && !cell.equals("false")) {
        throw new InputException(file, line, column + " is not true or false: \"" + cell + "\"");
      }
      return cell.equals("true");
    }
  }

  /**
   * The rows of {@code file}, or empty when it does not exist. A missing required column or a line
   * with another number of cells than the header is one InputException naming the file and line.
   */
  static Optional<List<Row>> read(Path file, List<String> requiredColumns) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new InputException(file, 1, "empty (expected a header line)");
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    requiredColumns.stream()
        .filter(column -> !header.contains(column))
        .findFirst()
        .ifPresent(
            column -> {
              throw new InputException(file, 1, "no column '" + column + "' in the header");
            });
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.size()) {
        throw new InputException(
            file, i + 1, cells.length + " cells, the header has " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < cells.length; c++) {
        row.put(header.get(c), cells[c]);
      }
      rows.add(new Row(i + 1, row));
    }
    return Optional.of(rows);
  }
}
