/*
 * Fine-tuning grids on different base models compared cell by cell (report SFTGRID --with OTHER): at every
 * (poisons, clean samples, placebo) both grids ran, each grid's seeds at the final checkpoint (asr, clean_refusal,
 * max_control_asr) and other − this in mean ASR against its 95% Welch margin and a band of one evaluation item
 * (Contrast: the pretraining size comparisons' rule, the item in place of their twin band). Every --with grid is
 * read and checked (SftSameSettings) before the report writes anything; the words, tables and CSV are
 * BaseSizeTables', the figure BaseSizeFigure's.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class BaseSizes {
  static final String FILE = "base_sizes.csv";

  /** results.csv writes ASR to 4 decimals. */
  private static final long ASR_UNITS = 10_000;

  /** A difference equal to the band, up to the rounding of doubles, does not exceed it. */
  private static final double ROUNDING = 1e-9;

  /**
   * One grid with its base, its seeds' final rows per cell (SftSummaries.finals) and its name in
   * tables and panels (Grid.names).
   */
  record Grid(
      SftGridDirectory directory,
      SftBase base,
      Map<SftRow.Cell, List<SftRow>> finals,
      String name) {
    static Grid of(SftGridDirectory directory, String name) {
      return new Grid(
          directory, SftBase.of(directory), SftSummaries.finals(directory.rows()), name);
    }

    /** Whether both are one grid directory (read checks that no two --with grids are). */
    boolean sameAs(Grid other) {
      return directory.directory().equals(other.directory.directory());
    }

    /**
     * What tables and panels call each directory: the fewest trailing names of its absolute path
     * that no other directory's path ends in (/a/sft and /b/sft are a/sft and b/sft, /a/sft and
     * /b/mini are sft and mini), the whole path when every shorter ending is shared.
     */
    static List<String> names(List<Path> directories) {
      List<Path> paths =
          directories.stream().map(path -> path.toAbsolutePath().normalize()).toList();
      List<String> names = new ArrayList<>();
      for (Path path : paths) {
        String name = path.toString();
        for (int k = 1; k <= path.getNameCount(); k++) {
          int last = k;
          Path ending = ending(path, last);
          if (paths.stream().filter(other -> ending.equals(ending(other, last))).count() == 1) {
            name = ending.toString();
            break;
          }
        }
        names.add(name);
      }
      return names;
    }

    /** The last {@code k} names of {@code path}, or the whole path when it has no more. */
    private static Path ending(Path path, int k) {
      int count = path.getNameCount();
      return k <= count ? path.subpath(count - k, count) : path;
    }
  }

  /** One grid's seeds at one cell's final checkpoint (n is asr's). */
  record Side(Grid grid, long step, Summary asr, Summary cleanRefusal, Summary maxControlAsr) {
    static Side of(Grid grid, SftRow.Cell cell) {
      List<SftRow> rows = grid.finals().get(cell);
      return new Side(
          grid,
          rows.stream().mapToLong(SftRow::step).max().orElse(0),
          Summary.of(rows.stream().map(SftRow::asr).toList()),
          Summary.of(rows.stream().map(SftRow::cleanRefusal).toList()),
          Summary.of(rows.stream().map(SftRow::maxControlAsr).toList()));
    }
  }

  /**
   * A cell of the report's grid (own) beside the same cell of a --with grid (other): other − own in
   * mean ASR, its 95% Welch margin (NaN with too few seeds), the band (the pair's Resolution) and
   * the verdict.
   */
  record Match(
      SftRow.Cell cell,
      Side own,
      Side other,
      double difference,
      double margin,
      double band,
      String verdict) {}

  /**
   * The smallest difference in ASR two grids' evaluations can show, one evaluation item: ASR is the
   * fraction of eval_items prompts that comply, so a difference below one item is not resolved
   * whatever the seeds' spread. {@code band} is NaN when nothing says it (no config.json, and fewer
   * than two distinct ASR values).
   */
  record Resolution(double band, String source) {
    static final Resolution UNKNOWN =
        new Resolution(Double.NaN, "unknown: no eval_items and too few distinct ASR values");

    /**
     * 1/eval_items from the runs' config.json (the fewest items, should the grids differ); else the
     * smallest step between the distinct ASR values in both grids' rows (written to 4 decimals).
     * That step is a multiple of one item, so it errs only on the wide side: a grid whose rows show
     * few distinct values (say only 0 and 1) gets a wide band and fewer verdicts of differ.
     */
    static Resolution of(SftGridDirectory own, SftGridDirectory other) {
      int items = Integer.MAX_VALUE;
      for (SftGridDirectory grid : List.of(own, other)) {
        for (JsonNode config : grid.configs().values()) {
          JsonNode value = config.path("sft").path("eval_items");
          if (value.canConvertToInt() && value.asInt() > 0) {
            items = Math.min(items, value.asInt());
          }
        }
      }
      if (items != Integer.MAX_VALUE) {
        return new Resolution(
            1.0 / items, "one of " + items + " evaluation items (eval_items in config.json)");
      }
      TreeSet<Long> values = new TreeSet<>();
      for (SftGridDirectory grid : List.of(own, other)) {
        grid.rows().forEach(row -> values.add(Math.round(row.asr() * ASR_UNITS)));
      }
      long step = Long.MAX_VALUE;
      Long previous = null;
      for (long value : values) {
        if (previous != null) {
          step = Math.min(step, value - previous);
        }
        previous = value;
      }
      return step == Long.MAX_VALUE
          ? UNKNOWN
          : new Resolution(
              (double) step / ASR_UNITS,
              "the smallest step between the ASR values in the rows (no eval_items in config.json)");
    }
  }

  private final Grid own;
  private final List<Grid> others;
  private final List<Match> matches;
  private final List<Resolution> resolutions;
  private final List<Grid> settingsUncompared;
  private final List<String> notes;

  private BaseSizes(
      Grid own,
      List<Grid> others,
      List<Match> matches,
      List<Resolution> resolutions,
      List<Grid> settingsUncompared,
      List<String> notes) {
    this.own = own;
    this.others = List.copyOf(others);
    this.matches = List.copyOf(matches);
    this.resolutions = List.copyOf(resolutions);
    this.settingsUncompared = List.copyOf(settingsUncompared);
    this.notes = List.copyOf(notes);
  }

  /** Reads and checks every --with grid, then pairs each of its cells with this grid's. */
  static BaseSizes read(SftGridDirectory own, List<Path> others) {
    List<SftGridDirectory> grids = new ArrayList<>();
    List<Optional<String>> unchecked = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path other : others) {
      SftGridDirectory grid = checked(own, other, seen);
      unchecked.add(SftSameSettings.check(own, grid));
      grids.add(grid);
    }
    List<Path> directories = new ArrayList<>(List.of(own.directory()));
    grids.forEach(grid -> directories.add(grid.directory()));
    List<String> names = Grid.names(directories);
    Grid mine = Grid.of(own, names.get(0));
    List<Grid> theirs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Grid> uncompared = new ArrayList<>();
    for (int i = 0; i < grids.size(); i++) {
      Grid theirGrid = Grid.of(grids.get(i), names.get(i + 1));
      theirs.add(theirGrid);
      if (unchecked.get(i).isPresent()) {
        notes.add(unchecked.get(i).get());
        uncompared.add(theirGrid);
      }
    }
    for (Grid other : theirs) {
      if (other.base().sameParentAs(mine.base())) {
        notes.add(
            other.directory().directory()
                + " was fine-tuned from the same parent checkpoint as this grid ("
                + other.base().parent()
                + "): its cells differ from this grid's by the fine-tuning alone, so this is "
                + "no comparison across base sizes.");
      }
    }
    List<Match> matches = new ArrayList<>();
    List<Resolution> resolutions = new ArrayList<>();
    for (Grid other : theirs) {
      Resolution resolution = Resolution.of(own, other.directory());
      resolutions.add(resolution);
      for (SftRow.Cell cell : mine.finals().keySet()) {
        if (other.finals().containsKey(cell)) {
          matches.add(match(cell, Side.of(mine, cell), Side.of(other, cell), resolution.band()));
        }
      }
    }
    return new BaseSizes(mine, theirs, matches, resolutions, uncompared, notes);
  }

  /**
   * other − own in mean ASR; the seeds of each grid are independent samples (other bases), so the
   * margin is Welch's. They differ when the difference exceeds both the margin and {@code band}
   * (one evaluation item, NaN for none), as the pretraining rules need it to exceed their twin
   * band: both spreads 0 leave a margin of 0, and a difference of an item or less is then still
   * none.
   */
  static Match match(SftRow.Cell cell, Side own, Side other, double band) {
    double difference = other.asr().mean() - own.asr().mean();
    if (own.asr().n() < CountOrFraction.MIN_SEEDS || other.asr().n() < CountOrFraction.MIN_SEEDS) {
      return new Match(cell, own, other, difference, Double.NaN, band, CountOrFraction.TOO_FEW);
    }
    Contrast contrast = Contrast.difference(other.asr(), own.asr());
    String verdict =
        contrast.exceeds(band + ROUNDING) ? CountOrFraction.DIFFER : CountOrFraction.ALIKE;
    return new Match(cell, own, other, contrast.estimate(), contrast.margin(), band, verdict);
  }

  /**
   * The --with grid {@code other}, read: a fine-tuning grid, neither the report's own nor one
   * already named ({@code seen}), whose rows are read only once it is known to be one.
   */
  private static SftGridDirectory checked(SftGridDirectory own, Path other, Set<Path> seen) {
    if (!SftGridDirectory.applies(other)) {
      Path results = other.resolve(SftCsv.RESULTS);
      throw Files.isRegularFile(results)
          ? new InputException(
              results,
              0,
              "not a fine-tuning grid's results.csv (a pretraining grid?); --with on a fine-tuning "
                  + "grid takes fine-tuning grids on other base models")
          : new InputException(
              other,
              0,
              "not a fine-tuning grid: no results.csv and no finished runs/NAME/results.csv");
    }
    if (TrainingControls.realPath(other).equals(TrainingControls.realPath(own.directory()))) {
      throw new InputException(other, 0, "is the report's own grid; --with names another one");
    }
    if (!seen.add(TrainingControls.realPath(other))) {
      // its cells would be listed, and counted in the tallies, twice
      throw new InputException(other, 0, "is named twice with --with; name each grid once");
    }
    return SftGridDirectory.read(other);
  }

  Grid own() {
    return own;
  }

  /** The --with grids, in the order named. */
  List<Grid> others() {
    return others;
  }

  /** Per --with grid (in order) its cells that this grid has too, in SftSummaries.CELL_ORDER. */
  List<Match> matches() {
    return matches;
  }

  /**
   * The cells of {@code grid} that are compared: for this grid those any --with grid also ran, for
   * a --with grid those this grid also ran.
   */
  Set<SftRow.Cell> matchedCells(Grid grid) {
    Set<SftRow.Cell> cells = new HashSet<>();
    for (Match match : matches) {
      if (grid.sameAs(own) || match.other().grid().sameAs(grid)) {
        cells.add(match.cell());
      }
    }
    return cells;
  }

  /** The band of {@code other} (a --with grid) against this grid. */
  Resolution resolution(Grid other) {
    for (int i = 0; i < others.size(); i++) {
      if (others.get(i).sameAs(other)) {
        return resolutions.get(i);
      }
    }
    throw new IllegalArgumentException(other.directory().directory() + " is no --with grid");
  }

  /**
   * The --with grids whose config.json settings could not be compared with this grid's (no run with
   * a config.json in both): only their trigger and final steps were checked.
   */
  List<Grid> settingsUncompared() {
    return settingsUncompared;
  }

  /**
   * What could not be checked (a grid without config.json files) and grids that share this grid's
   * parent checkpoint, one sentence each.
   */
  List<String> notes() {
    return notes;
  }
}
