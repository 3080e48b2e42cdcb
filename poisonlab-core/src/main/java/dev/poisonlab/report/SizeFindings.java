/*
 * The report's section "Count or fraction? (F2) / Curves against poisons seen (F4)" for grids with two or more
 * model sizes: the comparisons of CountOrFraction and PoisonsSeenOverlap on verdicts.csv's per-seed effects, a
 * line of verdict for each question, the tables (SizeTables) and sizes_findings.csv. Without verdicts.csv the
 * section only says what is missing. Plain text out; HtmlReport lays it out.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.SizeCells.Cell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SizeFindings {
  static final String FILE = "sizes_findings.csv";
  static final String TITLE = "Count or fraction? (F2) / Curves against poisons seen (F4)";

  private final List<SizeComparison> sameCount;
  private final List<SizeComparison> matched;
  private final List<SizeComparison> curves;
  private final boolean computed;

  private SizeFindings(List<Cell> cells, boolean computed) {
    this.sameCount = CountOrFraction.sameCount(cells);
    this.matched = CountOrFraction.matchedFraction(cells);
    this.curves = PoisonsSeenOverlap.pairs(cells);
    this.computed = computed;
  }

  /** The section, when results.csv holds two or more model sizes. */
  static Optional<SizeFindings> read(Path gridDirectory, GridResults results) {
    if (results.rows().stream().map(ResultRow::model).distinct().count() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        SizeCells.read(gridDirectory, results)
            .map(cells -> new SizeFindings(cells, true))
            .orElseGet(() -> new SizeFindings(List.of(), false)));
  }

  /** Built from cells directly (tests). */
  static SizeFindings of(List<Cell> cells) {
    return new SizeFindings(cells, true);
  }

  List<SizeComparison> sameCount() {
    return sameCount;
  }

  List<SizeComparison> matched() {
    return matched;
  }

  List<SizeComparison> curves() {
    return curves;
  }

  /** One line per question; the first says why nothing was computed when verdicts.csv is absent. */
  List<String> statements() {
    if (!computed) {
      return List.of(
          "Not computed: the grid has no verdicts.csv, whose per-seed effects these comparisons use "
              + "(./poisonlab verdict --grid DIR writes it).");
    }
    List<String> statements = new ArrayList<>();
    statements.add(
        "F2, count or fraction: "
            + (matched.isEmpty()
                ? "no verdict: no target has both a same-count peer and a peer at another count with a "
                    + "poison share within "
                    + CountOrFraction.TOLERANCE
                    + "x"
                : CountOrFraction.overall(matched) + " (" + tally(matched) + ")")
            + ".");
    if (!sameCount.isEmpty()) {
      statements.add("Same count across sizes: " + tally(sameCount) + ".");
    }
    Map<Integer, String> perCount = PoisonsSeenOverlap.perCount(curves);
    List<String> counts = new ArrayList<>();
    perCount.forEach((count, verdict) -> counts.add(count + " poisons: " + verdict));
    statements.add(
        "F4, curves against poisons seen: "
            + (counts.isEmpty() ? "no count was run by two sizes" : String.join("; ", counts))
            + ".");
    return statements;
  }

  List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    if (!sameCount.isEmpty()) {
      tables.add(SizeTables.sameCount(sameCount));
    }
    if (!matched.isEmpty()) {
      tables.add(SizeTables.matched(matched));
    }
    if (!curves.isEmpty()) {
      tables.add(SizeTables.curves(curves));
    }
    return tables;
  }

  /** sizes_findings.csv, or nothing when the comparisons could not be computed. */
  Optional<String> csv() {
    if (!computed) {
      return Optional.empty();
    }
    List<SizeComparison> all = new ArrayList<>(sameCount);
    all.addAll(matched);
    all.addAll(curves);
    return Optional.of(SizeTables.csv(all));
  }

  /** "2 count decides, 1 inconclusive of 3 comparisons". */
  private static String tally(List<SizeComparison> comparisons) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    comparisons.forEach(comparison -> counts.merge(comparison.verdict(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((verdict, count) -> parts.add(count + " " + verdict));
    return String.join(", ", parts) + " of " + comparisons.size() + " comparisons";
  }
}
