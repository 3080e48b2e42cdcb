/*
 * Reads a fine-tuning grid's rows: results.csv (SftRow.SFT_COLUMNS, exact header) and persistence.csv
 * (SftRow.CONTINUE_COLUMNS). A grid whose results.csv is not written yet (the grid before failure isolation
 * wrote it only at its end) is read from the finished runs instead: runs/NAME/results.csv where eval.jsonl
 * exists, in name order. Every problem is one InputException naming file and line. Reads only.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

final class SftCsv {
  static final String RESULTS = "results.csv";
  static final String PERSISTENCE = "persistence.csv";
  static final String RUNS = "runs";
  static final String EVAL = "eval.jsonl";
  static final String CONTINUE_SUFFIX = "-continue";

  private SftCsv() {}

  /** Whether {@code file} starts with the SFT header (a fine-tuning grid's results.csv). */
  static boolean isSftResults(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.findFirst().map(String.join(",", SftRow.SFT_COLUMNS)::equals).orElse(false);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The finished runs' results.csv files (not the continuations'), in name order. */
  static List<Path> finishedRunFiles(Path grid) {
    Path runs = grid.resolve(RUNS);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(runs)) {
      return entries
          .filter(run -> !run.getFileName().toString().endsWith(CONTINUE_SUFFIX))
          .filter(run -> Files.isRegularFile(run.resolve(EVAL)))
          .map(run -> run.resolve(RESULTS))
          .filter(SftCsv::isSftResults)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
    }
  }

  static List<SftRow> readResults(Path file) {
    return read(file, SftRow.SFT_COLUMNS, false);
  }

  static List<SftRow> readPersistence(Path file) {
    return read(file, SftRow.CONTINUE_COLUMNS, true);
  }

  private static List<SftRow> read(Path file, List<String> columns, boolean continuation) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    String header = String.join(",", columns);
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new InputException(file, 1, "expected the header " + header);
    }
    List<SftRow> rows = new ArrayList<>();
    for (int index = 1; index < lines.size(); index++) {
      long line = index + 1L;
      List<String> cells = CsvCells.split(file, line, lines.get(index)).cells();
      if (cells.size() != columns.size()) {
        throw new InputException(
            file, line, cells.size() + " cells, the header has " + columns.size());
      }
      rows.add(parse(new Cells(file, line, columns, cells), continuation));
    }
    return rows;
  }

  private static SftRow parse(Cells row, boolean continuation) {
    SftRow.Builder built =
        SftRow.builder()
            .poisons((int) row.integer("poisons"))
            .cleanSamples((int) row.integer("clean_samples"))
            .seed(row.integer("seed"))
            .placebo(row.bool("placebo"))
            .trigger(row.text("trigger"))
            .step(row.integer("step"))
            .asr(row.share("asr"))
            .cleanRefusal(row.share("clean_refusal"))
            .allowedHelpful(row.share("allowed_helpful"))
            .maxControlAsr(row.share("max_control_asr"));
    if (continuation) {
      built
          .sftStep(row.integer("sft_step"))
          .continueCleanSamples((int) row.integer("continue_clean_samples"));
    }
    return built.build();
  }

  /** The cells of one line by column name, parsed with one message per problem. */
  private record Cells(Path file, long line, List<String> columns, List<String> cells) {
    String text(String column) {
      return cells.get(columns.indexOf(column));
    }

    long integer(String column) {
      try {
        long value = Long.parseLong(text(column));
        if (value < 0) {
          throw bad(column, "is negative");
        }
        return value;
      } catch (NumberFormatException e) {
        throw bad(column, "is not an integer: \"" + text(column) + "\"");
      }
    }

    boolean bool(String column) {
      return switch (text(column)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw bad(column, "is not true or false: \"" + text(column) + "\"");
      };
    }

    double share(String column) {
      double value;
      try {
        value = Double.parseDouble(text(column));
      } catch (NumberFormatException e) {
        throw bad(column, "is not a number: \"" + text(column) + "\"");
      }
      if (!(value >= 0 && value <= 1)) {
        throw bad(column, "is not a share in [0, 1]: " + text(column));
      }
      return value;
    }

    private InputException bad(String column, String problem) {
      return new InputException(file, line, column + " " + problem);
    }
  }
}
