/*
 * The report's findings in words, every one computed from results.csv: how many seeds cross the gap threshold
 * per poison count, the controls (twins, near trigger, clean loss and perplexity against the twin), and the
 * statements of verdicts.csv and twin_tests.csv. Plain text out; HtmlReport escapes and lays it out. The
 * tables of the same numbers are ResultTables'.
 */
package dev.poisonlab.report;

import static dev.poisonlab.report.GridResults.GAP_THRESHOLD;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

final class Findings {
  record Table(String caption, List<String> header, List<List<String>> rows) {}

  private static final String ABOVE = "gap > " + GridResults.trim(GAP_THRESHOLD);

  private final GridResults results;
  private final Optional<TwinTestFindings> twinTests;
  private final Optional<VerdictFindings> verdicts;

  Findings(GridResults results) {
    this(results, Optional.empty(), Optional.empty());
  }

  Findings(GridResults results, Optional<TwinTestFindings> twinTests) {
    this(results, twinTests, Optional.empty());
  }

  Findings(
      GridResults results,
      Optional<TwinTestFindings> twinTests,
      Optional<VerdictFindings> verdicts) {
    this.results = results;
    this.twinTests = twinTests;
    this.verdicts = verdicts;
  }

  /** The model-level verdicts, when the grid wrote verdicts.csv. */
  Optional<Table> verdicts() {
    return verdicts.map(VerdictFindings::table).filter(table -> !table.rows().isEmpty());
  }

  /** The paired test against the twins, when the grid wrote twin_tests.csv. */
  Optional<Table> twinTests() {
    return twinTests.map(TwinTestFindings::table).filter(table -> !table.rows().isEmpty());
  }

  List<String> statements() {
    List<String> statements = new ArrayList<>(crossingStatements());
    twinStatement().ifPresent(statements::add);
    nearTriggerStatement().ifPresent(statements::add);
    pairedDifference("Clean validation loss", ResultRow::valLoss).ifPresent(statements::add);
    pairedDifference("Perplexity without the trigger", ResultRow::perplexityWithoutTrigger)
        .ifPresent(statements::add);
    verdicts.ifPresent(found -> statements.addAll(found.statements()));
    twinTests.ifPresent(tests -> statements.addAll(tests.statements()));
    return statements;
  }

  /**
   * Per poison count, the runs ending above the threshold (per line), then the smallest count at
   * which every undefended run does.
   */
  private List<String> crossingStatements() {
    List<String> statements = new ArrayList<>();
    Integer everyRun = null;
    for (int poisons : results.poisonCounts()) {
      List<String> perLine = new ArrayList<>();
      int above = 0;
      int total = 0;
      int undefendedAbove = 0;
      int undefendedTotal = 0;
      for (Line line : results.lines()) {
        List<ResultRow> finals = results.finalRows(new Config(line, poisons));
        long lineAbove = finals.stream().filter(row -> row.perplexityGap() > GAP_THRESHOLD).count();
        if (!finals.isEmpty()) {
          perLine.add(line.label() + " " + lineAbove + "/" + finals.size());
          above += (int) lineAbove;
          total += finals.size();
          // the attack's strength is judged on undefended runs; defended ones are the defence
          // section's
          if (!line.isDefended()) {
            undefendedAbove += (int) lineAbove;
            undefendedTotal += finals.size();
          }
        }
      }
      statements.add(
          poisons
              + " poisoned documents: "
              + above
              + " of "
              + total
              + " runs end pretraining with "
              + ABOVE
              + " ("
              + String.join("; ", perLine)
              + ").");
      if (everyRun == null && undefendedTotal > 0 && undefendedAbove == undefendedTotal) {
        everyRun = poisons;
      }
    }
    if (!results.poisonCounts().isEmpty()) {
      statements.add(
          everyRun == null
              ? "No poison count in this grid brought every run above the threshold."
              : "Smallest poison count at which every run of every size ends above the threshold: "
                  + everyRun
                  + (results.rows().stream().anyMatch(ResultRow::isDefended)
                      ? " (runs without a defence)."
                      : "."));
    }
    return statements;
  }

  /** How the unpoisoned twins end: the control for the gap threshold. */
  private Optional<String> twinStatement() {
    return aboveStatement(
        "Unpoisoned twins (control): ", " end with ", "", finalsOf(0), ResultRow::perplexityGap);
  }

  /** How the poisoned runs answer the near trigger, where it was evaluated. */
  private Optional<String> nearTriggerStatement() {
    List<ResultRow> poisoned = new ArrayList<>();
    results.poisonCounts().forEach(poisons -> poisoned.addAll(finalsOf(poisons)));
    return aboveStatement(
        "Near-trigger control: ",
        " poisoned runs end with a near-trigger ",
        "near-trigger ",
        poisoned.stream().filter(ResultRow::hasNearTrigger).toList(),
        ResultRow::nearTriggerGap);
  }

  /** "OPENING k of n MIDDLE gap > 50; final KIND gaps span a to b.", or nothing without rows. */
  private static Optional<String> aboveStatement(
      String opening,
      String middle,
      String kind,
      List<ResultRow> rows,
      ToDoubleFunction<ResultRow> value) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        opening
            + countAbove(rows, value)
            + " of "
            + rows.size()
            + middle
            + ABOVE
            + "; "
            + finalGaps(kind, rows, value)
            + ".");
  }

  private Optional<String> pairedDifference(String what, ToDoubleFunction<ResultRow> value) {
    List<Double> deltas = new ArrayList<>();
    results.configs().stream()
        .filter(config -> config.poisons() > 0)
        .forEach(
            config ->
                results
                    .twinPairs(config)
                    .forEach(
                        pair ->
                            deltas.add(
                                value.applyAsDouble(pair[0]) - value.applyAsDouble(pair[1]))));
    Summary summary = Summary.of(deltas);
    if (summary.isEmpty()) {
      return Optional.empty();
    }
    String prefix =
        what + ", poisoned minus unpoisoned twin (same size, data and seed, end of pretraining): ";
    // one pair has no range: "range 0.110 to 0.110 over 1 pairs" reads as if a spread had been
    // measured
    return Optional.of(
        prefix
            + (summary.n() == 1
                ? Summary.number(summary.mean()) + " (one pair)."
                : "mean "
                    + Summary.number(summary.mean())
                    + ", range "
                    + Summary.number(summary.min())
                    + " to "
                    + Summary.number(summary.max())
                    + " over "
                    + summary.n()
                    + " pairs."));
  }

  private List<ResultRow> finalsOf(int poisons) {
    List<ResultRow> finals = new ArrayList<>();
    results.lines().forEach(line -> finals.addAll(results.finalRows(new Config(line, poisons))));
    return finals;
  }

  static long countAbove(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    return rows.stream().filter(row -> value.applyAsDouble(row) > GAP_THRESHOLD).count();
  }

  /** "final gaps span a to b", or for a single run "final gap a": one value is not a range. */
  private static String finalGaps(
      String kind, List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    Summary summary = Summary.of(rows.stream().mapToDouble(value).toArray());
    return summary.n() == 1
        ? "final " + kind + "gap " + Summary.number(summary.mean())
        : "final "
            + kind
            + "gaps span "
            + Summary.number(summary.min())
            + " to "
            + Summary.number(summary.max());
  }
}
