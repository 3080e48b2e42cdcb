/*
 * The report's section "Count or fraction? (F2) / Curves against poisons seen (F4)" for grids with two or more
 * model sizes: the comparisons of CountOrFraction and PoisonsSeenOverlap on verdicts.csv's per-seed effects, in
 * nats and as a share of the headroom (Headroom), a line of verdict for each question and scale, the tables
 * (SizeTables) and sizes_findings.csv. Without verdicts.csv the section only says what is missing. Plain text
 * out; HtmlReport lays it out.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeComparison.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SizeFindings {
  static final String FILE = "sizes_findings.csv";
  static final String TITLE = "Count or fraction? (F2) / Curves against poisons seen (F4)";

  /** Why the second scale exists: one sentence of the section. */
  static final String WHY_SHARE =
      "Why a second scale: the effect is a log-perplexity gap, bounded by ln V (uniform tokens) minus "
          + "the model's clean log-perplexity, and that headroom differs by size, so comparisons in nats "
          + "mix the backdoor with how well each size models clean text; the share of the headroom "
          + "(effect / (ln V − the same-seed twin's median clean log-perplexity over the excerpts at that "
          + "checkpoint), band divided by the smallest twin headroom) removes that.";

  /** The comparisons on one scale. */
  private record Scaled(
      Scale scale,
      List<SizeComparison> sameCount,
      List<SizeComparison> matched,
      List<SizeComparison> curves) {
    static Scaled of(Scale scale, List<Cell> cells) {
      return new Scaled(
          scale,
          on(scale, CountOrFraction.sameCount(cells)),
          on(scale, CountOrFraction.matchedFraction(cells)),
          on(scale, PoisonsSeenOverlap.pairs(cells)));
    }

    private static List<SizeComparison> on(Scale scale, List<SizeComparison> comparisons) {
      return comparisons.stream().map(comparison -> comparison.on(scale)).toList();
    }

    List<SizeComparison> all() {
      List<SizeComparison> all = new ArrayList<>(sameCount);
      all.addAll(matched);
      all.addAll(curves);
      return all;
    }
  }

  private final Scaled nats;
  private final Optional<Scaled> shares;
  private final boolean computed;

  private SizeFindings(List<Cell> cells, Optional<List<Cell>> shareCells, boolean computed) {
    this.nats = Scaled.of(Scale.NATS, cells);
    this.shares = shareCells.map(share -> Scaled.of(Scale.HEADROOM_SHARE, share));
    this.computed = computed;
  }

  /** The section, when results.csv holds two or more model sizes. */
  static Optional<SizeFindings> read(Path gridDirectory, GridResults results) {
    if (results.rows().stream().map(ResultRow::model).distinct().count() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        SizeCells.read(gridDirectory, results)
            .map(
                cells -> {
                  List<Cell> shares = Headroom.of(gridDirectory, results).shares(cells);
                  // no twin's per-excerpt file anywhere (an older snapshot): no second scale
                  boolean none = shares.stream().allMatch(cell -> cell.seeds().isEmpty());
                  return new SizeFindings(
                      cells, none ? Optional.empty() : Optional.of(shares), true);
                })
            .orElseGet(() -> new SizeFindings(List.of(), Optional.empty(), false)));
  }

  /** Built from cells directly (tests); {@code shareCells}: the same cells on the share scale. */
  static SizeFindings of(List<Cell> cells, Optional<List<Cell>> shareCells) {
    return new SizeFindings(cells, shareCells, true);
  }

  static SizeFindings of(List<Cell> cells) {
    return of(cells, Optional.empty());
  }

  List<SizeComparison> sameCount() {
    return nats.sameCount();
  }

  List<SizeComparison> matched() {
    return nats.matched();
  }

  List<SizeComparison> curves() {
    return nats.curves();
  }

  /** The comparisons on the share of the headroom; empty when no twin's excerpts were found. */
  Optional<List<SizeComparison>> shares() {
    return shares.map(Scaled::all);
  }

  /**
   * One line per question in nats, then the same on the share of the headroom; the first says why
   * nothing was computed when verdicts.csv is absent.
   */
  List<String> statements() {
    if (!computed) {
      return List.of(
          "Not computed: the grid has no verdicts.csv, whose per-seed effects these comparisons use "
              + "(./poisonlab verdict --grid DIR writes it).");
    }
    List<String> statements = new ArrayList<>(statements(nats, "In nats. "));
    statements.add(WHY_SHARE);
    shares.ifPresentOrElse(
        share -> statements.addAll(statements(share, "On the share of the headroom. ")),
        () ->
            statements.add(
                "On the share of the headroom: not computed (no twin's per-excerpt file with its "
                    + "training config's vocab_size under runs/)."));
    return statements;
  }

  private static List<String> statements(Scaled scaled, String prefix) {
    List<String> statements = new ArrayList<>();
    List<SizeComparison> matched = scaled.matched();
    statements.add(
        prefix
            + "F2, count or fraction: "
            + (matched.isEmpty()
                ? "no verdict: no target has both a same-count peer and a peer at another count with a "
                    + "poison share within "
                    + CountOrFraction.TOLERANCE
                    + "x"
                : CountOrFraction.overall(matched) + " (" + tally(matched) + ")")
            + ".");
    if (!scaled.sameCount().isEmpty()) {
      statements.add(prefix + "Same count across sizes: " + tally(scaled.sameCount()) + ".");
    }
    Map<Integer, String> perCount = PoisonsSeenOverlap.perCount(scaled.curves());
    List<String> counts = new ArrayList<>();
    perCount.forEach((count, verdict) -> counts.add(count + " poisons: " + verdict));
    statements.add(
        prefix
            + "F4, curves against poisons seen: "
            + (counts.isEmpty() ? "no count was run by two sizes" : String.join("; ", counts))
            + ".");
    return statements;
  }

  List<Table> tables() {
    List<Table> tables = new ArrayList<>(tables(nats));
    shares.ifPresent(share -> tables.addAll(tables(share)));
    return tables;
  }

  private static List<Table> tables(Scaled scaled) {
    List<Table> tables = new ArrayList<>();
    if (!scaled.sameCount().isEmpty()) {
      tables.add(SizeTables.sameCount(scaled.sameCount(), scaled.scale()));
    }
    if (!scaled.matched().isEmpty()) {
      tables.add(SizeTables.matched(scaled.matched(), scaled.scale()));
    }
    if (!scaled.curves().isEmpty()) {
      tables.add(SizeTables.curves(scaled.curves(), scaled.scale()));
    }
    return tables;
  }

  /**
   * sizes_findings.csv (every nats row, then every share row), or nothing when the comparisons
   * could not be computed.
   */
  Optional<String> csv() {
    if (!computed) {
      return Optional.empty();
    }
    List<SizeComparison> all = new ArrayList<>(nats.all());
    shares.ifPresent(share -> all.addAll(share.all()));
    return Optional.of(SizeTables.csv(all));
  }

  /** "2 count decides, 1 inconclusive of 3 comparisons". */
  static String tally(List<SizeComparison> comparisons) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    comparisons.forEach(comparison -> counts.merge(comparison.verdict(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((verdict, count) -> parts.add(count + " " + verdict));
    return String.join(", ", parts) + " of " + comparisons.size() + " comparisons";
  }
}
