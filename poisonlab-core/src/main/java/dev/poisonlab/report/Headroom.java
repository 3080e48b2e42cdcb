/*
 * The second scale of the comparisons across sizes: each per-seed effect (nats) as a share of its headroom, ln V
 * minus the same-seed clean twin's median log-perplexity over the excerpts at that checkpoint. Reads the twins'
 * per-excerpt files (runs/<id>/eval in a live grid, runs/<id>/excerpts in a snapshot: every checkpoint since
 * session 10's snapshot-grid.sh, the last one in older ones) and V from their train/config.json. It rescales
 * cells; the rules are CountOrFraction's.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.eval.BackdoorEvaluator.ExcerptResult;
import dev.poisonlab.eval.ExcerptFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeCells.SeedCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class Headroom {
  /** Where a run keeps its per-excerpt files: eval's output, else a snapshot's gzipped copies. */
  static final List<String> EXCERPTS = List.of("eval", "excerpts");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path runs;
  private final Map<String, String> twins = new HashMap<>();
  private final Map<String, Double> cache = new HashMap<>();

  /** V per twin: its config is read once, not once per checkpoint. */
  private final Map<String, Double> vocabularies = new HashMap<>();

  private Headroom(Path gridDirectory, GridResults results) {
    this.runs = gridDirectory.resolve(GridDirectory.RUNS);
    results.rows().stream()
        .filter(row -> row.poisons() == 0 && row.isPretrain())
        .forEach(
            row ->
                twins.putIfAbsent(
                    key(row.model(), row.dataMultiplier(), row.defense(), row.attack(), row.seed()),
                    row.runId()));
  }

  static Headroom of(Path gridDirectory, GridResults results) {
    return new Headroom(gridDirectory, results);
  }

  /**
   * ln V - median over the twin's excerpts of ln(clean perplexity) at the step; NaN when the twin,
   * its file at that step or V is missing.
   */
  double at(Line line, long seed, long step) {
    String twin =
        twins.get(key(line.model(), line.dataMultiplier(), line.defense(), line.attack(), seed));
    return twin == null
        ? Double.NaN
        : cache.computeIfAbsent(twin + "@" + step, k -> compute(twin, step));
  }

  /**
   * The cells on the share scale. A seed keeps the checkpoints whose headroom is known and
   * positive, and only if its last checkpoint is one (its final share is the one F2 compares). The
   * band is divided by the smallest headroom of the cell's twins at their last step: the widest it
   * can be.
   */
  List<Cell> shares(List<Cell> cells) {
    List<Cell> rescaled = new ArrayList<>();
    for (Cell cell : cells) {
      List<SeedCurve> seeds = new ArrayList<>();
      double smallest = Double.NaN;
      for (SeedCurve curve : cell.seeds()) {
        Optional<SeedCurve> share = share(cell.line(), curve);
        if (share.isPresent()) {
          seeds.add(share.get());
          long last = curve.steps()[curve.steps().length - 1];
          double headroom = at(cell.line(), curve.seed(), last);
          smallest = Double.isNaN(smallest) ? headroom : Math.min(smallest, headroom);
        }
      }
      rescaled.add(
          new Cell(
              cell.line(),
              cell.poisons(),
              cell.poisonTokens(),
              cell.trainingTokens(),
              seeds,
              cell.band() / smallest));
    }
    return rescaled;
  }

  private Optional<SeedCurve> share(Line line, SeedCurve curve) {
    long[] steps = curve.steps();
    if (steps.length == 0 || steps.length != curve.effects().length) {
      return Optional.empty();
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      if (at(line, curve.seed(), steps[i]) > 0) {
        kept.add(i);
      }
    }
    if (kept.isEmpty() || kept.get(kept.size() - 1) != steps.length - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new SeedCurve(
            curve.seed(),
            kept.stream().mapToDouble(i -> curve.poisonsSeen()[i]).toArray(),
            kept.stream()
                .mapToDouble(i -> curve.effects()[i] / at(line, curve.seed(), steps[i]))
                .toArray(),
            kept.stream().mapToLong(i -> steps[i]).toArray()));
  }

  private double compute(String twin, long step) {
    Path run = runs.resolve(twin);
    double vocabulary =
        vocabularies.computeIfAbsent(
            twin, k -> vocabulary(run.resolve(GridDirectory.TRAIN).resolve(GridDirectory.CONFIG)));
    for (String name : EXCERPTS) {
      Path directory = run.resolve(name);
      if (Files.isDirectory(directory)) {
        TreeMap<Long, Path> files = ExcerptFiles.list(directory);
        if (files.containsKey(step)) {
          return Math.log(vocabulary) - medianCleanLog(files.get(step));
        }
      }
    }
    return Double.NaN;
  }

  /** The median of ln(perplexity without trigger): the twin's typical clean generation, nats. */
  static double medianCleanLog(Path file) {
    List<ExcerptResult> rows = ExcerptFiles.read(file);
    double[] logs = new double[rows.size()];
    for (int i = 0; i < logs.length; i++) {
      double perplexity = rows.get(i).perplexityWithoutTrigger();
      if (!(perplexity > 0) || Double.isInfinite(perplexity)) {
        throw new InputException(
            file, i + 1, "perplexity without trigger is not finite and positive: " + perplexity);
      }
      logs[i] = Math.log(perplexity);
    }
    Arrays.sort(logs);
    int middle = logs.length / 2;
    return logs.length % 2 == 1 ? logs[middle] : (logs[middle - 1] + logs[middle]) / 2;
  }

  /** model.vocab_size of the run's training config (data.vocab_size else); NaN without it. */
  private static double vocabulary(Path config) {
    if (!Files.isRegularFile(config)) {
      return Double.NaN;
    }
    try {
      JsonNode tree = JSON.readTree(Files.readString(config));
      JsonNode size = tree.path("model").path("vocab_size");
      size = size.isNumber() ? size : tree.path("data").path("vocab_size");
      return size.isNumber() && size.asDouble() > 1 ? size.asDouble() : Double.NaN;
    } catch (IOException e) {
      throw new InputException(config, 0, "cannot read the training config: " + e.getMessage(), e);
    }
  }

  /**
   * Size, data, defence, attack and seed name a twin. The attack because AttackRows files each twin
   * under the attacks of its trigger, and twins of two triggers differ in their clean generations
   * (the prompts batched beside them, the tokens left to generate); "" with one attack.
   */
  private static String key(
      String model, double dataMultiplier, String defense, String attack, long seed) {
    return model + "|" + dataMultiplier + "|" + defense + "|" + attack + "|" + seed;
  }
}
