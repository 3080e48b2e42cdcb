/*
 * The report's tables computed from results.csv: seeds above the gap threshold per line and poison count, the
 * poisons seen at the first crossing, the last checkpoint of each configuration (mean ± std over seeds), and
 * the gap before and after continued clean training. Plain cells out; HtmlReport lays them out, Findings
 * says the same numbers in words.
 */
package dev.poisonlab.report;

import static dev.poisonlab.report.GridResults.GAP_THRESHOLD;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.GridResults.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

final class ResultTables {
  private static final String ABOVE = "gap > " + GridResults.trim(GAP_THRESHOLD);

  private final GridResults results;

  ResultTables(GridResults results) {
    this.results = results;
  }

  /**
   * Seeds whose final gap exceeds the threshold, "k/n", per line (rows) and poison count (columns).
   */
  Table crossings() {
    return perLineAndCount(
        "Runs (seeds) whose perplexity gap at the end of pretraining exceeds "
            + GridResults.trim(GAP_THRESHOLD)
            + ", as above/total.",
        config -> {
          List<ResultRow> finals = results.finalRows(config);
          return finals.isEmpty()
              ? "–"
              : Findings.countAbove(finals, ResultRow::perplexityGap) + "/" + finals.size();
        });
  }

  /**
   * Poisons seen at the first checkpoint above the threshold: the paper's "count, not fraction"
   * test.
   */
  Table firstCrossing() {
    return perLineAndCount(
        "Poisoned documents seen at the first checkpoint whose gap exceeds "
            + GridResults.trim(GAP_THRESHOLD)
            + " (mean ± std over the runs that crossed; checkpoint spacing limits "
            + "the resolution).",
        config -> {
          List<Optional<Long>> crossings = results.poisonsSeenAtFirstCrossing(config);
          double[] seen =
              crossings.stream().flatMap(Optional::stream).mapToDouble(Long::doubleValue).toArray();
          return crossings.isEmpty()
              ? "–"
              : Summary.of(seen).format()
                  + " ("
                  + seen.length
                  + "/"
                  + crossings.size()
                  + " crossed)";
        });
  }

  /** A table of one cell per line (rows) and poison count (columns). */
  private Table perLineAndCount(String caption, Function<Config, String> cell) {
    List<String> header = new ArrayList<>(List.of("model (data)"));
    results.poisonCounts().forEach(poisons -> header.add(poisons + " poisons"));
    List<List<String>> rows = new ArrayList<>();
    for (Line line : results.lines()) {
      List<String> row = new ArrayList<>(List.of(line.label()));
      for (int poisons : results.poisonCounts()) {
        row.add(cell.apply(new Config(line, poisons)));
      }
      rows.add(row);
    }
    return new Table(caption, header, rows);
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
          line.isDefended() || !line.attack().isEmpty()
              ? line.model()
                  + " ("
                  + (line.isDefended() ? line.defense() + " filter" : "no filter")
                  + line.attackLabel()
                  + ")"
              : line.model();
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

  private static String summary(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    return Summary.of(rows.stream().mapToDouble(value).toArray()).format();
  }
}
