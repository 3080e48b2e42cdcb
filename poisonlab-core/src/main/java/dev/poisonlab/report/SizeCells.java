/*
 * The per-seed effects behind the findings across sizes. For each (size, poison count): every seed's model-level
 * effect at every checkpoint (verdicts.csv: median over excerpts of the log gap minus the same-seed twin's, in
 * nats) with the poisons that seed had seen (results.csv), the twin-vs-twin band at the last step, and the
 * poison share of the training tokens (poison tokens from runs/<id>/stream/manifest.json). Reads only.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class SizeCells {
  /**
   * One seed's effect curve, in step order; {@code steps} are the checkpoints' (empty when a test
   * builds a curve without them), which the share of the headroom needs to find the twin's file.
   */
  record SeedCurve(long seed, double[] poisonsSeen, double[] effects, long[] steps) {
    SeedCurve(long seed, double[] poisonsSeen, double[] effects) {
      this(seed, poisonsSeen, effects, new long[0]);
    }

    double finalEffect() {
      return effects[effects.length - 1];
    }
  }

  /**
   * One size at one poison count. {@code poisonTokens}: mean tokens per poison (NaN: unknown);
   * {@code trainingTokens}: tokens trained on by the end (mean over seeds).
   */
  record Cell(
      Line line,
      int poisons,
      double poisonTokens,
      double trainingTokens,
      List<SeedCurve> seeds,
      double band) {
    /** The final per-seed effects: the model-level verdict's numbers. */
    Summary finals() {
      return Summary.of(seeds.stream().mapToDouble(SeedCurve::finalEffect).toArray());
    }

    /** Poison tokens / training tokens; NaN when the poisons' length is unknown. */
    double fraction() {
      return poisons * poisonTokens / trainingTokens;
    }

    /** Poisons per training token: what matching falls back to without the poisons' length. */
    double perToken() {
      return poisons / trainingTokens;
    }

    String label() {
      return line.model() + " at " + poisons;
    }
  }

  static final List<String> COLUMNS =
      List.of(
          "model",
          "data_multiplier",
          "defense",
          "poisons",
          "placebo",
          "step",
          "last_step",
          "seeds",
          "effects_nats",
          "band_nats");

  private SizeCells() {}

  /**
   * The cells of every poisoned configuration in verdicts.csv; empty when there is no such file.
   */
  static Optional<List<Cell>> read(Path gridDirectory, GridResults results) {
    Path file = gridDirectory.resolve(VerdictFindings.FILE);
    return NamedCsv.read(file, COLUMNS).map(rows -> cells(file, rows, results, gridDirectory));
  }

  private static List<Cell> cells(
      Path file, List<NamedCsv.Row> rows, GridResults results, Path gridDirectory) {
    Map<String, List<NamedCsv.Row>> byConfig = new TreeMap<>();
    for (NamedCsv.Row row : rows) {
      if (!Boolean.parseBoolean(row.get("placebo")) && !row.get("step").isEmpty()) {
        String key =
            String.join(
                "|",
                row.get("model"),
                row.get("data_multiplier"),
                row.get("defense"),
                // a grid of several attacks names each configuration's (a last column)
                row.getOrDefault("strategy", ""),
                row.get("poisons"));
        byConfig.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    PoisonLengths lengths = PoisonLengths.read(gridDirectory, results);
    List<Cell> cells = new ArrayList<>();
    for (List<NamedCsv.Row> config : byConfig.values()) {
      cell(file, config, results, lengths).ifPresent(cells::add);
    }
    cells.sort(
        Comparator.comparing((Cell cell) -> cell.line(), Line.ORDER)
            .thenComparingInt(Cell::poisons));
    return cells;
  }

  private static Optional<Cell> cell(
      Path file, List<NamedCsv.Row> rows, GridResults results, PoisonLengths lengths) {
    NamedCsv.Row first = rows.get(0);
    double multiplier = first.real(file, "data_multiplier");
    int poisons = (int) first.real(file, "poisons");
    Optional<Line> line =
        results.lines().stream()
            .filter(
                candidate ->
                    candidate.model().equals(first.get("model"))
                        && candidate.dataMultiplier() == multiplier
                        && candidate.defense().equals(first.get("defense"))
                        && (candidate.attack().isEmpty()
                            || candidate.attack().equals(first.getOrDefault("strategy", ""))))
            .findFirst();
    Optional<NamedCsv.Row> last =
        rows.stream().filter(row -> Boolean.parseBoolean(row.get("last_step"))).findFirst();
    if (line.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    Config config = new Config(line.get(), poisons);
    List<ResultRow> finals = results.finalRows(config);
    if (finals.isEmpty()) {
      return Optional.empty();
    }
    List<SeedCurve> seeds = new ArrayList<>();
    for (long seed : longs(file, last.get(), "seeds")) {
      curve(file, rows, results, config, seed).ifPresent(seeds::add);
    }
    double tokens = finals.stream().mapToDouble(ResultRow::tokens).average().orElseThrow();
    return Optional.of(
        new Cell(
            line.get(),
            poisons,
            lengths.of(config),
            tokens,
            seeds,
            last.get().real(file, "band_nats")));
  }

  /** One seed's (poisons seen, effect) at every step both verdicts.csv and results.csv have. */
  private static Optional<SeedCurve> curve(
      Path file, List<NamedCsv.Row> rows, GridResults results, Config config, long seed) {
    Map<Long, Long> seen = new TreeMap<>();
    results.rows().stream()
        .filter(
            row ->
                row.seed() == seed
                    && row.poisons() == config.poisons()
                    && row.isPretrain()
                    && GridResults.lineOf(row).equals(config.line()))
        .forEach(row -> seen.put(row.step(), row.poisonsSeen()));
    TreeMap<Long, double[]> points = new TreeMap<>();
    for (NamedCsv.Row row : rows) {
      long step = (long) row.real(file, "step");
      long[] seeds = longs(file, row, "seeds");
      double[] effects = row.reals(file, "effects_nats");
      int index = Arrays.stream(seeds).boxed().toList().indexOf(seed);
      if (index >= 0
          && index < effects.length
          && !Double.isNaN(effects[index])
          && seen.containsKey(step)) {
        points.put(step, new double[] {seen.get(step), effects[index]});
      }
    }
    if (points.isEmpty()) {
      return Optional.empty();
    }
    List<double[]> ordered = List.copyOf(points.values());
    return Optional.of(
        new SeedCurve(
            seed,
            ordered.stream().mapToDouble(point -> point[0]).toArray(),
            ordered.stream().mapToDouble(point -> point[1]).toArray(),
            points.keySet().stream().mapToLong(Long::longValue).toArray()));
  }

  private static long[] longs(Path file, NamedCsv.Row row, String column) {
    return Arrays.stream(row.reals(file, column)).mapToLong(value -> (long) value).toArray();
  }
}
