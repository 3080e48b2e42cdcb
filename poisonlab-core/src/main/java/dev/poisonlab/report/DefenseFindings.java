/*
 * Filter-then-train in the report: for every poisoned configuration of a grid with a defence axis, the attack
 * without the filter beside the attack with each filter (poisons left in training, clean documents dropped,
 * final gap, gap over the twin trained on equally filtered data). Empty for grids without defences, so their
 * report does not change. Plain text out, computed from results.csv only; HtmlReport lays it out.
 */
package dev.poisonlab.report;

import static dev.poisonlab.report.GridResults.GAP_THRESHOLD;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

final class DefenseFindings {
  private final GridResults results;

  DefenseFindings(GridResults results) {
    this.results = results;
  }

  boolean applies() {
    return results.rows().stream().anyMatch(ResultRow::isDefended);
  }

  /**
   * One sentence per defence: how many poisons it let through and what the attack did with and
   * without it.
   */
  List<String> statements() {
    if (!applies()) {
      return List.of();
    }
    Map<String, List<ResultRow[]>> byDefense = new TreeMap<>();
    for (Config config : poisonedConfigs()) {
      if (config.line().isDefended()) {
        Config undefended = new Config(undefended(config.line()), config.poisons());
        for (ResultRow row : results.finalRows(config)) {
          results.finalRows(undefended).stream()
              .filter(plain -> plain.seed() == row.seed())
              .findFirst()
              .ifPresent(
                  plain ->
                      byDefense
                          .computeIfAbsent(
                              config.line().defense() + config.line().attackLabel(),
                              key -> new ArrayList<>())
                          .add(new ResultRow[] {plain, row}));
        }
      }
    }
    List<String> statements = new ArrayList<>();
    byDefense.forEach(
        (defense, pairs) -> {
          long poisons = pairs.stream().mapToLong(pair -> pair[1].poisons()).sum();
          long left = pairs.stream().mapToLong(pair -> pair[1].poisonsAfterDefense()).sum();
          long aboveWithout =
              pairs.stream().filter(pair -> pair[0].perplexityGap() > GAP_THRESHOLD).count();
          long aboveWith =
              pairs.stream().filter(pair -> pair[1].perplexityGap() > GAP_THRESHOLD).count();
          statements.add(
              "Filter-then-train ("
                  + defense
                  + "): "
                  + left
                  + " of "
                  + poisons
                  + " poisons were left in "
                  + "training; "
                  + aboveWith
                  + " of "
                  + pairs.size()
                  + " defended runs end with gap > "
                  + GridResults.trim(GAP_THRESHOLD)
                  + ", against "
                  + aboveWithout
                  + " of "
                  + pairs.size()
                  + " of the same runs without the filter.");
        });
    return statements;
  }

  /** Each poisoned configuration without and with every defence, side by side. */
  Table table() {
    List<List<String>> rows = new ArrayList<>();
    for (Config config : poisonedConfigs()) {
      List<ResultRow> finals = results.finalRows(config);
      List<ResultRow> twins = results.finalRows(new Config(config.line(), 0));
      if (finals.isEmpty()) {
        continue;
      }
      List<Double> overTwin = new ArrayList<>();
      results
          .twinPairs(config)
          .forEach(pair -> overTwin.add(pair[0].perplexityGap() - pair[1].perplexityGap()));
      rows.add(
          List.of(
              undefended(config.line()).label(),
              Integer.toString(config.poisons()),
              config.line().defense(),
              count(finals, row -> row.poisonsAfterDefense()),
              count(finals, row -> row.cleanDropped()),
              summary(finals, ResultRow::perplexityGap),
              finals.stream().filter(row -> row.perplexityGap() > GAP_THRESHOLD).count()
                  + "/"
                  + finals.size(),
              twins.isEmpty() ? "–" : summary(twins, ResultRow::perplexityGap),
              overTwin.isEmpty() ? "–" : Summary.of(overTwin).format(),
              twins.isEmpty() ? "–" : summary(twins, ResultRow::valLoss)));
    }
    return new Table(
        "The attack without and with each filter, at the last pretraining checkpoint (mean ± std "
            + "across seeds). A defended run's twin is the unpoisoned run trained on equally filtered clean data, "
            + "so its gap and validation loss show what the filter costs clean training.",
        List.of(
            "model (data)",
            "poisons",
            "defence",
            "poisons left in training",
            "clean documents dropped",
            "final gap",
            "runs with gap > " + GridResults.trim(GAP_THRESHOLD),
            "twin gap",
            "gap − twin gap",
            "twin val loss"),
        rows);
  }

  /** Poisoned configurations, the undefended one first within each line and count. */
  private List<Config> poisonedConfigs() {
    return results.configs().stream()
        .filter(config -> config.poisons() > 0)
        .sorted(
            Comparator.comparing(
                    (Config config) -> undefended(config.line()), GridResults.Line.ORDER)
                .thenComparingInt(Config::poisons)
                .thenComparing(config -> config.line().isDefended() ? config.line().defense() : ""))
        .toList();
  }

  private static Line undefended(Line line) {
    return line.undefended();
  }

  /** A count the same in every seed is written as the integer it is; else mean ± std. */
  private static String count(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    Summary summary = Summary.of(rows.stream().mapToDouble(value).toArray());
    return summary.min() == summary.max() ? Long.toString((long) summary.min()) : summary.format();
  }

  private static String summary(List<ResultRow> rows, ToDoubleFunction<ResultRow> value) {
    return Summary.of(rows.stream().mapToDouble(value).toArray()).format();
  }
}
