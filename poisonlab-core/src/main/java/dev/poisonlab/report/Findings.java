/*
 * The report's numbers in words and tables, every one computed from results.csv: how many seeds cross the gap
 * threshold per size and poison count, the poisons seen when they do, the controls (twins, near trigger, clean
 * loss), persistence, and the per-configuration table. Plain text out; HtmlReport escapes and lays it out.
 */
package dev.poisonlab.report;

import static dev.poisonlab.report.GridResults.GAP_THRESHOLD;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
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
    List<ResultRow> twins = finalsOf(0);
    if (!twins.isEmpty()) {
      statements.add(
          "Unpoisoned twins (control): "
              + countAbove(twins, ResultRow::perplexityGap)
              + " of "
              + twins.size()
              + " end with "
              + ABOVE
              + "; "
              + finalGaps("", twins, ResultRow::perplexityGap)
              + ".");
    }
    List<ResultRow> poisoned = new ArrayList<>();
    results.poisonCounts().forEach(poisons -> poisoned.addAll(finalsOf(poisons)));
    List<ResultRow> withNear = poisoned.stream().filter(ResultRow::hasNearTrigger).toList();
    if (!withNear.isEmpty()) {
      statements.add(
          "Near-trigger control: "
              + countAbove(withNear, ResultRow::nearTriggerGap)
              + " of "
              + withNear.size()
              + " poisoned runs end with a near-trigger "
              + ABOVE
              + "; "
              + finalGaps("near-trigger ", withNear, ResultRow::nearTriggerGap)
              + ".");
    }
    pairedDifference("Clean validation loss", ResultRow::valLoss).ifPresent(statements::add);
    pairedDifference("Perplexity without the trigger", ResultRow::perplexityWithoutTrigger)
        .ifPresent(statements::add);
    verdicts.ifPresent(found -> statements.addAll(found.statements()));
    twinTests.ifPresent(tests -> statements.addAll(tests.statements()));
    return statements;
  }

  /**
   * Seeds whose final gap exceeds the threshold, "k/n", per line (rows) and poison count (columns).
   */
  Table crossings() {
    List<String> header = new ArrayList<>(List.of("model (data)"));
    results.poisonCounts().forEach(poisons -> header.add(poisons + " poisons"));
    List<List<String>> rows = new ArrayList<>();
    for (Line line : results.lines()) {
      List<String> row = new ArrayList<>(List.of(line.label()));
      for (int poisons : results.poisonCounts()) {
        List<ResultRow> finals = results.finalRows(new Config(line, poisons));
        row.add(
            finals.isEmpty()
                ? "–"
                : countAbove(finals, ResultRow::perplexityGap) + "/" + finals.size());
      }
      rows.add(row);
    }
    return new Table(
        "Runs (seeds) whose perplexity gap at the end of pretraining exceeds "
            + GridResults.trim(GAP_THRESHOLD)
            + ", as above/total.",
        header,
        rows);
  }

  /**
   * Poisons seen at the first checkpoint above the threshold: the paper's "count, not fraction"
   * test.
   */
  Table firstCrossing() {
    List<String> header = new ArrayList<>(List.of("model (data)"));
    results.poisonCounts().forEach(poisons -> header.add(poisons + " poisons"));
    List<List<String>> rows = new ArrayList<>();
    for (Line line : results.lines()) {
      List<String> row = new ArrayList<>(List.of(line.label()));
      for (int poisons : results.poisonCounts()) {
        List<Optional<Long>> crossings =
            results.poisonsSeenAtFirstCrossing(new Config(line, poisons));
        double[] seen =
            crossings.stream().flatMap(Optional::stream).mapToDouble(Long::doubleValue).toArray();
        row.add(
            crossings.isEmpty()
                ? "–"
                : Summary.of(seen).format()
                    + " ("
                    + seen.length
                    + "/"
                    + crossings.size()
                    + " crossed)");
      }
      rows.add(row);
    }
    return new Table(
        "Poisoned documents seen at the first checkpoint whose gap exceeds "
            + GridResults.trim(GAP_THRESHOLD)
            + " (mean ± std over the runs that crossed; checkpoint spacing limits "
            + "the resolution).",
        header,
        rows);
  }

  Table finalResults() {
    List<String> header =
        List.of(
            "model",
            "params",
            "non-embedding",
            "data ×",
            "poisons",
            "seeds",
            "tokens",
            "poisons seen",
            "gap",
            "median gap",
            "gap (nats)",
            "median gap (nats)",
            "share of prompts " + ABOVE,
            "perplexity with trigger",
            "perplexity without",
            "near-trigger gap",
            "near-trigger gap (nats)",
            "specificity ratio (max)",
            "val loss");
    List<List<String>> rows = new ArrayList<>();
    for (Config config : results.configs()) {
      List<ResultRow> finals = results.finalRows(config);
      if (finals.isEmpty()) {
        continue;
      }
      Line line = config.line();
      String model =
          line.isDefended() ? line.model() + " (" + line.defense() + " filter)" : line.model();
      rows.add(
          List.of(
              model,
              GridResults.humanCount(line.params()),
              GridResults.humanCount(line.nonEmbeddingParams()),
              GridResults.trim(line.dataMultiplier()),
              Integer.toString(config.poisons()),
              Integer.toString(finals.size()),
              summary(finals, row -> row.tokens()),
              summary(finals, row -> row.poisonsSeen()),
              summary(finals, ResultRow::perplexityGap),
              summary(finals, ResultRow::gapMedian),
              summary(finals, ResultRow::logPplGap),
              summary(finals, row -> row.logGaps().logPplGapMedian()),
              summary(finals, ResultRow::shareGapOver50),
              summary(finals, ResultRow::perplexityWithTrigger),
              summary(finals, ResultRow::perplexityWithoutTrigger),
              summary(finals, ResultRow::nearTriggerGap),
              summary(finals, row -> row.logGaps().nearTriggerLogGap()),
              summary(finals, row -> row.logGaps().specificityRatio()),
              summary(finals, ResultRow::valLoss)));
    }
    return new Table(
        "Last pretraining checkpoint of each configuration: mean ± sample std across seeds. Gaps in "
            + "nats are mean ln(ppl with) − ln(ppl without) per excerpt; the specificity ratio is the largest "
            + "control/trigger ratio of log gaps (– when the trigger's log gap is ≤ 0, or the grid predates nats).",
        header,
        rows);
  }

  Table persistence() {
    List<List<String>> rows = new ArrayList<>();
    for (Config config : results.configs()) {
      List<Point> curve = results.continuationCurve(config, ResultRow::perplexityGap);
      if (curve.size() > 1) {
        Point first = curve.get(0);
        Point last = curve.get(curve.size() - 1);
        rows.add(
            List.of(
                config.line().label(),
                Integer.toString(config.poisons()),
                Integer.toString(last.y().n()),
                GridResults.trim(last.x().mean()),
                first.y().format(),
                last.y().format()));
      }
    }
    return new Table(
        "Perplexity gap before and after continued clean training (mean ± std across seeds).",
        List.of(
            "model (data)", "poisons", "seeds", "clean steps", "gap at step 0", "gap at last step"),
        rows);
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

  private static long countAbove(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
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

  private static String summary(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    return Summary.of(rows.stream().mapToDouble(value).toArray()).format();
  }
}
