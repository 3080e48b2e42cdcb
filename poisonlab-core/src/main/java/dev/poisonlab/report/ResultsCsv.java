/*
 * Reads and writes results.csv (columns: ResultRow.COLUMNS). Reading checks the header exactly and every cell,
 * failing with "FILE:LINE: problem"; files with an older header load too: without the nats columns (those
 * read as NaN / empty) and without the defence columns (undefended runs).
 * Writing is atomic (whole file, or append = rewrite with one more row), always with the current header.
 * RFC 4180 quoting for commas and quotes; line breaks inside cells are rejected by ResultRow, not quoted.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class ResultsCsv {
  public static final String HEADER = String.join(",", ResultRow.COLUMNS);
  private static final String HEADER_WITHOUT_NATS =
      String.join(",", ResultRow.COLUMNS_WITHOUT_NATS);
  private static final String HEADER_WITHOUT_DEFENSE =
      String.join(",", ResultRow.COLUMNS_WITHOUT_DEFENSE);

  private ResultsCsv() {}

  /** Writes all rows (header first) to {@code file}, replacing it atomically. */
  public static void write(Path file, List<ResultRow> rows) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    rows.forEach(row -> text.append(format(row)).append('\n'));
    AtomicFiles.writeString(file, text.toString());
  }

  /**
   * Adds one row, creating the file with its header when absent. The existing rows are validated
   * first, so a damaged file is reported rather than extended; the rewrite is atomic (a crash keeps
   * the old file).
   */
  public static void append(Path file, ResultRow row) {
    List<ResultRow> rows = Files.exists(file) ? new ArrayList<>(read(file)) : new ArrayList<>();
    rows.add(row);
    write(file, rows);
  }

  public static List<ResultRow> read(Path file) {
    List<ResultRow> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new InputException(file, 1, "empty file; expected the header " + HEADER);
      }
      int columns =
          header.strip().equals(HEADER)
              ? ResultRow.COLUMNS.size()
              : header.strip().equals(HEADER_WITHOUT_NATS)
                  ? ResultRow.COLUMNS_WITHOUT_NATS.size()
                  : header.strip().equals(HEADER_WITHOUT_DEFENSE)
                      ? ResultRow.COLUMNS_WITHOUT_DEFENSE.size()
                      : -1;
      if (columns < 0) {
        throw new InputException(
            file,
            1,
            "header must be exactly \""
                + HEADER
                + "\" (or an older header without "
                + "the nats or defence columns), got \""
                + header
                + "\"");
      }
      long lineNumber = 1;
      Map<String, ResultRow> firstOfRun = new HashMap<>();
      Set<String> checkpoints = new HashSet<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          ResultRow row = parse(file, lineNumber, line, columns);
          checkConsistent(
              file, lineNumber, firstOfRun.computeIfAbsent(row.runId(), id -> row), row);
          if (!checkpoints.add(row.runId() + '\n' + row.phase() + '\n' + row.step())) {
            throw new InputException(
                file,
                lineNumber,
                "duplicate row for run_id "
                    + row.runId()
                    + ", phase "
                    + row.phase()
                    + ", step "
                    + row.step());
          }
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** All rows of one run describe the same model and data; only the checkpoint columns vary. */
  private static void checkConsistent(Path file, long lineNumber, ResultRow first, ResultRow row) {
    String differing =
        !first.model().equals(row.model())
            ? "model"
            : first.params() != row.params()
                ? "params"
                : first.nonEmbeddingParams() != row.nonEmbeddingParams()
                    ? "non_embedding_params"
                    : first.poisons() != row.poisons()
                        ? "poisons"
                        : first.dataMultiplier() != row.dataMultiplier()
                            ? "data_multiplier"
                            : first.seed() != row.seed()
                                ? "seed"
                                : first.contextLength() != row.contextLength()
                                    ? "context_length"
                                    : !first.defense().equals(row.defense()) ? "defense" : null;
    if (differing != null) {
      throw new InputException(
          file,
          lineNumber,
          differing
              + " differs from earlier rows of run_id "
              + row.runId()
              + " (a run is one model and one stream)");
    }
  }

  static String format(ResultRow row) {
    return String.join(
        ",",
        quote(row.runId()),
        quote(row.model()),
        Long.toString(row.params()),
        Long.toString(row.nonEmbeddingParams()),
        Integer.toString(row.poisons()),
        number(row.dataMultiplier()),
        Long.toString(row.seed()),
        Integer.toString(row.contextLength()),
        Long.toString(row.step()),
        Long.toString(row.maxSteps()),
        number(row.fraction()),
        Long.toString(row.tokens()),
        Long.toString(row.poisonsSeen()),
        Integer.toString(row.count()),
        number(row.perplexityWithTrigger()),
        number(row.perplexityWithoutTrigger()),
        number(row.perplexityGap()),
        number(row.gapMedian()),
        number(row.shareGapOver50()),
        quote(row.nearTrigger()),
        number(row.nearTriggerGap()),
        number(row.nearTriggerShareOver50()),
        number(row.valLoss()),
        row.phase(),
        quote(row.defense()),
        Integer.toString(row.poisonsAfterDefense()),
        Long.toString(row.cleanDropped()),
        number(row.logGaps().logPplGap()),
        number(row.logGaps().logPplGapMedian()),
        number(row.logGaps().nearTriggerLogGap()),
        number(row.logGaps().specificityRatio()),
        quote(row.logGaps().controlsCell()));
  }

  private static ResultRow parse(Path file, long lineNumber, String line, int columns) {
    List<String> cells = split(file, lineNumber, line);
    if (cells.size() != columns) {
      throw new InputException(
          file, lineNumber, "expected " + columns + " cells, got " + cells.size());
    }
    Cells c = new Cells(file, lineNumber, cells);
    try {
      boolean legacy = columns < ResultRow.COLUMNS_WITHOUT_NATS.size();
      boolean withNats = columns == ResultRow.COLUMNS.size();
      int poisons = (int) c.integer(4);
      return new ResultRow(
          c.text(0),
          c.text(1),
          c.integer(2),
          c.integer(3),
          poisons,
          c.real(5),
          c.integer(6),
          (int) c.integer(7),
          c.integer(8),
          c.integer(9),
          c.real(10),
          c.integer(11),
          c.integer(12),
          (int) c.integer(13),
          c.real(14),
          c.real(15),
          c.real(16),
          c.real(17),
          c.real(18),
          c.text(19),
          c.real(20),
          c.real(21),
          c.real(22),
          c.text(23),
          legacy ? ResultRow.NO_DEFENSE : c.text(24),
          legacy ? poisons : (int) c.integer(25),
          legacy ? 0 : c.integer(26),
          !withNats
              ? LogGaps.NONE
              : new LogGaps(
                  c.real(27),
                  c.real(28),
                  c.real(29),
                  c.real(30),
                  LogGaps.parseControls(c.text(31))));
    } catch (IllegalArgumentException e) {
      throw new InputException(file, lineNumber, e.getMessage(), e);
    }
  }

  /** Typed access to one line's cells; a bad cell names its column. */
  private record Cells(Path file, long lineNumber, List<String> cells) {
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
  }

  static List<String> split(Path file, long lineNumber, String line) {
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
    return cells;
  }

  private static String quote(String text) {
    boolean needsQuotes =
        text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || !text.equals(text.strip());
    return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /**
   * Shortest text that parses back to the same double; NaN (an optional measurement left out) is
   * empty.
   */
  private static String number(double value) {
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
