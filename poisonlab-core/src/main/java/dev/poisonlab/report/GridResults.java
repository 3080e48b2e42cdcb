/*
 * The grid's results.csv, organised the way the figures and tables read it: lines (a model size on one amount
 * of clean data), configurations (a line with one poison count, repeated over seeds), curves averaged across
 * seeds, final checkpoints, unpoisoned twins. Pure arithmetic over ResultRows; no drawing, no HTML.
 */
package dev.poisonlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

public final class GridResults {
  /** The paper's threshold: a perplexity gap above 50 is clear degradation. */
  public static final double GAP_THRESHOLD = 50;

  /**
   * One model size trained on one amount of clean data, filtered by one defence, under one attack
   * ("" in a grid of one attack; AttackRows): one line in every plot. Its unpoisoned twin is the
   * twin with the same defence and attack (AttackRows puts a shared twin under each attack with its
   * trigger), so a defended line's gap is measured against a model trained on equally filtered
   * clean data and evaluated with the same trigger.
   */
  public record Line(
      String model,
      long params,
      long nonEmbeddingParams,
      double dataMultiplier,
      String defense,
      String attack) {
    static final Comparator<Line> ORDER =
        Comparator.comparingLong(Line::params)
            .thenComparing(Line::model)
            .thenComparingDouble(Line::dataMultiplier)
            .thenComparing(line -> line.isDefended() ? line.defense() : "")
            .thenComparing(Line::attack);

    public String label() {
      String data = dataMultiplier == 1 ? "" : ", " + trim(dataMultiplier) + "× data";
      String filter = isDefended() ? ", " + defense + " filter" : "";
      return model + " (" + humanCount(params) + data + filter + attackLabel() + ")";
    }

    /** ", attack NAME" in a grid of several attacks, else nothing. */
    String attackLabel() {
      return attack.isEmpty() ? "" : ", attack " + attack;
    }

    /** The same line without a filter (its undefended counterpart). */
    Line undefended() {
      return new Line(
          model, params, nonEmbeddingParams, dataMultiplier, ResultRow.NO_DEFENSE, attack);
    }

    public boolean isDefended() {
      return !ResultRow.NO_DEFENSE.equals(defense);
    }
  }

  /** A line trained with one poison count (0 = the unpoisoned twins); its runs are the seeds. */
  public record Config(Line line, int poisons) {}

  /** One x position of a curve: the x and y values of every seed at that checkpoint. */
  public record Point(Summary x, Summary y) {}

  private final List<ResultRow> rows;

  public GridResults(List<ResultRow> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<ResultRow> rows() {
    return rows;
  }

  public List<Line> lines() {
    return rows.stream().map(GridResults::lineOf).distinct().sorted(Line.ORDER).toList();
  }

  /** Poison counts above zero, ascending. */
  public List<Integer> poisonCounts() {
    return List.copyOf(
        new TreeSet<>(rows.stream().map(ResultRow::poisons).filter(p -> p > 0).toList()));
  }

  public List<Config> configs() {
    return rows.stream()
        .map(row -> new Config(lineOf(row), row.poisons()))
        .distinct()
        .sorted(Comparator.comparing(Config::line, Line.ORDER).thenComparingInt(Config::poisons))
        .toList();
  }

  public boolean hasTwins() {
    return rows.stream().anyMatch(row -> row.poisons() == 0);
  }

  public boolean hasNearTrigger() {
    return rows.stream().anyMatch(row -> row.poisons() > 0 && row.hasNearTrigger());
  }

  public boolean hasContinuation() {
    return rows.stream().anyMatch(row -> !row.isPretrain());
  }

  /** Each run's last pretraining checkpoint, in seed order. */
  public List<ResultRow> finalRows(Config config) {
    return runs(config, ResultRow.PRETRAIN).values().stream()
        .map(run -> run.get(run.size() - 1))
        .sorted(Comparator.comparingLong(ResultRow::seed))
        .toList();
  }

  /** Pretraining curve: checkpoints at the same training fraction are averaged across seeds. */
  public List<Point> curve(
      Config config, ToDoubleFunction<ResultRow> x, ToDoubleFunction<ResultRow> y) {
    Map<Long, List<ResultRow>> byFraction = new TreeMap<>();
    runs(config, ResultRow.PRETRAIN)
        .values()
        .forEach(
            run ->
                run.forEach(
                    row ->
                        byFraction
                            .computeIfAbsent(
                                Math.round(row.fraction() * 1e6), key -> new ArrayList<>())
                            .add(row)));
    return byFraction.values().stream()
        .map(
            group ->
                new Point(
                    Summary.of(group.stream().mapToDouble(x).toArray()),
                    Summary.of(group.stream().mapToDouble(y).toArray())))
        .toList();
  }

  /**
   * Each run's own pretraining curve (one value per point), runs in run_id order: the per-seed thin
   * lines.
   */
  public List<List<Point>> runCurves(
      Config config, ToDoubleFunction<ResultRow> x, ToDoubleFunction<ResultRow> y) {
    return runs(config, ResultRow.PRETRAIN).values().stream()
        .map(
            run ->
                run.stream()
                    .map(
                        row ->
                            new Point(
                                Summary.of(x.applyAsDouble(row)), Summary.of(y.applyAsDouble(row))))
                    .filter(point -> !point.y().isEmpty())
                    .toList())
        .filter(curve -> !curve.isEmpty())
        .toList();
  }

  /**
   * Continued clean training: x is the number of clean steps after pretraining. A run without a
   * "continue" row at step 0 starts from its last pretraining checkpoint, so every curve begins
   * where pretraining ended.
   */
  public List<Point> continuationCurve(Config config, ToDoubleFunction<ResultRow> y) {
    Map<Long, List<ResultRow>> byStep = new TreeMap<>();
    Map<String, List<ResultRow>> pretrain = runs(config, ResultRow.PRETRAIN);
    runs(config, ResultRow.CONTINUE)
        .forEach(
            (runId, run) -> {
              if (run.get(0).step() != 0 && pretrain.containsKey(runId)) {
                List<ResultRow> before = pretrain.get(runId);
                byStep
                    .computeIfAbsent(0L, key -> new ArrayList<>())
                    .add(before.get(before.size() - 1));
              }
              run.forEach(
                  row -> byStep.computeIfAbsent(row.step(), key -> new ArrayList<>()).add(row));
            });
    return byStep.entrySet().stream()
        .map(
            entry ->
                new Point(
                    Summary.of((double) entry.getKey()),
                    Summary.of(entry.getValue().stream().mapToDouble(y).toArray())))
        .toList();
  }

  /** Final (poisoned, twin) pairs with the same line and seed; runs without a twin are left out. */
  public List<ResultRow[]> twinPairs(Config config) {
    Map<Long, ResultRow> twins =
        finalRows(new Config(config.line(), 0)).stream()
            .collect(Collectors.toMap(ResultRow::seed, row -> row));
    return finalRows(config).stream()
        .filter(row -> twins.containsKey(row.seed()))
        .map(row -> new ResultRow[] {row, twins.get(row.seed())})
        .toList();
  }

  /**
   * Poisons seen at each run's first checkpoint whose gap exceeds the threshold; empty for runs
   * that never do.
   */
  public List<Optional<Long>> poisonsSeenAtFirstCrossing(Config config) {
    return runs(config, ResultRow.PRETRAIN).values().stream()
        .map(
            run ->
                run.stream()
                    .filter(row -> row.perplexityGap() > GAP_THRESHOLD)
                    .findFirst()
                    .map(ResultRow::poisonsSeen))
        .toList();
  }

  /** Rows of each run in one phase, by run_id, each sorted by step. */
  private Map<String, List<ResultRow>> runs(Config config, String phase) {
    Map<String, List<ResultRow>> runs = new TreeMap<>();
    rows.stream()
        .filter(
            row ->
                row.poisons() == config.poisons()
                    && row.phase().equals(phase)
                    && lineOf(row).equals(config.line()))
        .sorted(Comparator.comparingLong(ResultRow::step))
        .forEach(row -> runs.computeIfAbsent(row.runId(), key -> new ArrayList<>()).add(row));
    return runs;
  }

  static Line lineOf(ResultRow row) {
    return new Line(
        row.model(),
        row.params(),
        row.nonEmbeddingParams(),
        row.dataMultiplier(),
        row.defense(),
        row.attack());
  }

  /** 1234567 -> "1.2M": parameter counts as the paper writes them. */
  static String humanCount(long count) {
    String[] units = {"", "k", "M", "B", "T"};
    double value = count;
    int unit = 0;
    while (Math.abs(value) >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    String digits = String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    return (unit == 0 ? Long.toString(count) : digits.replaceAll("\\.0$", "")) + units[unit];
  }

  static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
