/*
 * Reads and writes results.csv (columns: ResultRow.COLUMNS). Reading checks the header exactly and every cell,
 * failing with "FILE:LINE: problem"; files with an older header load too: without the attack columns (those
 * read as empty), without the nats columns (NaN / empty) and without the defence columns (undefended runs).
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
  private static final String HEADER_WITHOUT_ATTACK =
      String.join(",", ResultRow.COLUMNS_WITHOUT_ATTACK);
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
      int columns = columns(file, reader.readLine());
      long lineNumber = 1;
      Map<String, ResultRow> firstOfRun = new HashMap<>();
      Set<String> checkpoints = new HashSet<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          ResultRow row = parse(file, lineNumber, line, columns);
          if (row.poisons() == 0 && !row.attack().isEmpty()) {
            // a twin holds no poisons: every attack with its trigger shares it (the report
            // repeats it under each, in memory only)
            throw new InputException(
                file,
                lineNumber,
                "attack must be empty for a twin (poisons = 0), got " + row.attack());
          }
          checkConsistent(
              file, lineNumber, firstOfRun.computeIfAbsent(row.runId(), id -> row), row);
          checkFirstOfCheckpoint(file, lineNumber, checkpoints, row);
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** The number of columns a header announces: the current one or an older one. */
  private static int columns(Path file, String header) {
    if (header == null) {
      throw new InputException(file, 1, "empty file; expected the header " + HEADER);
    }
    String stripped = header.strip();
    if (stripped.equals(HEADER)) {
      return ResultRow.COLUMNS.size();
    }
    if (stripped.equals(HEADER_WITHOUT_ATTACK)) {
      return ResultRow.COLUMNS_WITHOUT_ATTACK.size();
    }
    if (stripped.equals(HEADER_WITHOUT_NATS)) {
      return ResultRow.COLUMNS_WITHOUT_NATS.size();
    }
    if (stripped.equals(HEADER_WITHOUT_DEFENSE)) {
      return ResultRow.COLUMNS_WITHOUT_DEFENSE.size();
    }
    throw new InputException(
        file,
        1,
        "header must be exactly \""
            + HEADER
            + "\" (or an older header without "
            + "the attack, nats or defence columns), got \""
            + header
            + "\"");
  }

  /** A run has one row per phase and step. */
  private static void checkFirstOfCheckpoint(
      Path file, long lineNumber, Set<String> checkpoints, ResultRow row) {
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
                                    : !first.defense().equals(row.defense())
                                        ? "defense"
                                        : !first.attack().equals(row.attack())
                                            ? "attack"
                                            : !first.trigger().equals(row.trigger())
                                                ? "trigger"
                                                : null;
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
        CsvCells.quote(row.runId()),
        CsvCells.quote(row.model()),
        Long.toString(row.params()),
        Long.toString(row.nonEmbeddingParams()),
        Integer.toString(row.poisons()),
        CsvCells.number(row.dataMultiplier()),
        Long.toString(row.seed()),
        Integer.toString(row.contextLength()),
        Long.toString(row.step()),
        Long.toString(row.maxSteps()),
        CsvCells.number(row.fraction()),
        Long.toString(row.tokens()),
        Long.toString(row.poisonsSeen()),
        Integer.toString(row.count()),
        CsvCells.number(row.perplexityWithTrigger()),
        CsvCells.number(row.perplexityWithoutTrigger()),
        CsvCells.number(row.perplexityGap()),
        CsvCells.number(row.gapMedian()),
        CsvCells.number(row.shareGapOver50()),
        CsvCells.quote(row.nearTrigger()),
        CsvCells.number(row.nearTriggerGap()),
        CsvCells.number(row.nearTriggerShareOver50()),
        CsvCells.number(row.valLoss()),
        row.phase(),
        CsvCells.quote(row.defense()),
        Integer.toString(row.poisonsAfterDefense()),
        Long.toString(row.cleanDropped()),
        CsvCells.number(row.logGaps().logPplGap()),
        CsvCells.number(row.logGaps().logPplGapMedian()),
        CsvCells.number(row.logGaps().nearTriggerLogGap()),
        CsvCells.number(row.logGaps().specificityRatio()),
        CsvCells.quote(row.logGaps().controlsCell()),
        CsvCells.quote(row.attack()),
        CsvCells.quote(row.trigger()));
  }

  private static ResultRow parse(Path file, long lineNumber, String line, int columns) {
    CsvCells c = CsvCells.split(file, lineNumber, line);
    if (c.size() != columns) {
      throw new InputException(file, lineNumber, "expected " + columns + " cells, got " + c.size());
    }
    try {
      boolean legacy = columns < ResultRow.COLUMNS_WITHOUT_NATS.size();
      boolean withNats = columns >= ResultRow.COLUMNS_WITHOUT_ATTACK.size();
      boolean withAttack = columns == ResultRow.COLUMNS.size();
      int poisons = (int) c.integer(4);
      return ResultRow.builder()
          .runId(c.text(0))
          .model(c.text(1))
          .params(c.integer(2))
          .nonEmbeddingParams(c.integer(3))
          .poisons(poisons)
          .dataMultiplier(c.real(5))
          .seed(c.integer(6))
          .contextLength((int) c.integer(7))
          .step(c.integer(8))
          .maxSteps(c.integer(9))
          .fraction(c.real(10))
          .tokens(c.integer(11))
          .poisonsSeen(c.integer(12))
          .count((int) c.integer(13))
          .perplexityWithTrigger(c.real(14))
          .perplexityWithoutTrigger(c.real(15))
          .perplexityGap(c.real(16))
          .gapMedian(c.real(17))
          .shareGapOver50(c.real(18))
          .nearTrigger(c.text(19))
          .nearTriggerGap(c.real(20))
          .nearTriggerShareOver50(c.real(21))
          .valLoss(c.real(22))
          .phase(c.text(23))
          .defense(legacy ? ResultRow.NO_DEFENSE : c.text(24))
          .poisonsAfterDefense(legacy ? poisons : (int) c.integer(25))
          .cleanDropped(legacy ? 0 : c.integer(26))
          .logGaps(
              !withNats
                  ? LogGaps.NONE
                  : new LogGaps(
                      c.real(27),
                      c.real(28),
                      c.real(29),
                      c.real(30),
                      LogGaps.parseControls(c.text(31))))
          .attack(withAttack ? c.text(32) : "")
          .trigger(withAttack ? c.text(33) : "")
          .build();
    } catch (IllegalArgumentException e) {
      throw new InputException(file, lineNumber, e.getMessage(), e);
    }
  }
}
