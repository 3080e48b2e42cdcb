/*
 * The training controls across grids (report GRID --with OTHER): each poisoned configuration of another grid
 * beside this grid's at the same count, defence and attack that trained the same tokens and steps on another
 * model (within 2%) or other tokens or steps on the same model; each effect is over its own grid's same-seed
 * twin, and CountOrFraction's pair rule compares them in nats and on the share of the headroom. Grids are read
 * and checked (SameRecipe) before the report writes anything; the layout is TrainingControlTables'.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.InputException;
import dev.poisonlab.report.GridResults.Config;
import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeComparison.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class TrainingControls {
  static final String FILE = "training_controls.csv";
  static final String SAME_TRAINING = "same tokens, other size";
  static final String OTHER_TRAINING = "same size, other training length";

  /** Runs trained alike when their tokens and their steps each differ by at most this share. */
  static final double TOLERANCE = 0.02;

  /**
   * One poisoned configuration of one grid: its final effects in nats and on the share of the
   * headroom (no seeds there when its twins' files are missing), and the optimizer steps and tokens
   * its runs trained (results.csv's last checkpoint, mean over seeds).
   */
  record Trained(Path grid, Cell nats, Cell share, double steps, double tokens) {}

  /** {@code a}, of a --with grid, against {@code b}, of the report's grid, on one scale. */
  record Control(Trained a, Trained b, SizeComparison comparison) {}

  private final List<Path> others;
  private final List<Control> nats;
  private final List<Control> shares;
  private final int withoutShare;

  private TrainingControls(
      List<Path> others, List<Control> nats, List<Control> shares, int withoutShare) {
    this.others = List.copyOf(others);
    this.nats = List.copyOf(nats);
    this.shares = List.copyOf(shares);
    this.withoutShare = withoutShare;
  }

  /**
   * Reads every --with grid, checks it against {@code own} and pairs the configurations; {@code
   * ownResults} are the rows the report's own figures use, so both read the grid alike.
   */
  static TrainingControls read(GridDirectory own, GridResults ownResults, List<Path> others) {
    List<Trained> mine = trained(own.directory(), ownResults);
    List<Trained> theirs = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path other : others) {
      GridDirectory grid = checked(own, other, seen);
      theirs.addAll(
          trained(other, new GridResults(AttackRows.of(grid, AttackFindings.read(other)).rows())));
    }
    List<Control> nats = new ArrayList<>();
    List<Control> shares = new ArrayList<>();
    int withoutShare = 0;
    for (Trained a : theirs) {
      for (String question : List.of(SAME_TRAINING, OTHER_TRAINING)) {
        for (Trained b : mine) {
          if (!question(a, b).equals(Optional.of(question))) {
            continue;
          }
          nats.add(new Control(a, b, CountOrFraction.pair(question, a.nats(), b.nats())));
          if (a.share().seeds().isEmpty() || b.share().seeds().isEmpty()) {
            withoutShare++;
          } else {
            SizeComparison share = CountOrFraction.pair(question, a.share(), b.share());
            shares.add(new Control(a, b, share.on(Scale.HEADROOM_SHARE)));
          }
        }
      }
    }
    return new TrainingControls(others, nats, shares, withoutShare);
  }

  /**
   * The --with grid {@code other}, read and checked: a pretraining grid, neither the report's own
   * nor one already named ({@code seen}), made like {@code own} (SameRecipe).
   */
  private static GridDirectory checked(GridDirectory own, Path other, Set<Path> seen) {
    if (SftGridDirectory.applies(other)) {
      throw new InputException(
          other, 0, "a fine-tuning grid; --with takes pretraining grids like the report's own");
    }
    GridDirectory grid = GridDirectory.read(other);
    if (realPath(other).equals(realPath(own.directory()))) {
      throw new InputException(other, 0, "is the report's own grid; --with names another one");
    }
    if (!seen.add(realPath(other))) {
      // its pairs would be listed, and counted in the tallies, twice
      throw new InputException(other, 0, "is named twice with --with; name each grid once");
    }
    SameRecipe.check(own, grid);
    return grid;
  }

  /** Which control the pair is, if any: same count, defence and attack first. */
  static Optional<String> question(Trained a, Trained b) {
    Line x = a.nats().line();
    Line y = b.nats().line();
    if (a.nats().poisons() != b.nats().poisons()
        || !x.defense().equals(y.defense())
        || !x.attack().equals(y.attack())) {
      return Optional.empty();
    }
    boolean sameModel = x.model().equals(y.model());
    boolean sameTraining = close(a.steps(), b.steps()) && close(a.tokens(), b.tokens());
    if (sameTraining && !sameModel) {
      return Optional.of(SAME_TRAINING);
    }
    // the same model trained alike is a replicate, not a control
    return !sameTraining && sameModel ? Optional.of(OTHER_TRAINING) : Optional.empty();
  }

  static boolean close(double x, double y) {
    return Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
  }

  /** Every pair in nats; shares() holds those whose share of the headroom is known, in order. */
  List<Control> nats() {
    return nats;
  }

  List<Control> shares() {
    return shares;
  }

  List<Path> others() {
    return others;
  }

  /** Pairs whose share of the headroom is missing (a twin's file or vocab_size not found). */
  int withoutShare() {
    return withoutShare;
  }

  /** training_controls.csv: every pair in nats, then on the share (a header only without pairs). */
  String csv() {
    List<Control> all = new ArrayList<>(nats);
    all.addAll(shares);
    return TrainingControlTables.csv(all);
  }

  /** The poisoned configurations of a grid with their training; verdicts.csv is required. */
  private static List<Trained> trained(Path directory, GridResults results) {
    List<Cell> cells =
        SizeCells.read(directory, results)
            .orElseThrow(
                () ->
                    new InputException(
                        directory.resolve(VerdictFindings.FILE),
                        0,
                        "missing: the training controls (--with) compare the per-seed effects over "
                            + "the twin that `poisonlab verdict --grid "
                            + directory
                            + "` writes here"));
    List<Cell> shares = Headroom.of(directory, results).shares(cells);
    List<Trained> trained = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      double steps =
          results.finalRows(new Config(cell.line(), cell.poisons())).stream()
              .mapToDouble(ResultRow::maxSteps)
              .average()
              .orElse(Double.NaN);
      trained.add(new Trained(directory, cell, shares.get(i), steps, cell.trainingTokens()));
    }
    return trained;
  }

  /**
   * The directory as the file system names it, so two spellings of one grid compare equal (also
   * BaseSizes').
   */
  static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + directory + ": " + e.getMessage(), e);
    }
  }
}
