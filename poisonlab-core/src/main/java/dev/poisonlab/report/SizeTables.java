/*
 * The comparisons across sizes as report tables (one per kind and scale) and as sizes_findings.csv (every kind
 * and scale, one row each, numbers in full precision, the scale last). Formatting only; the numbers and
 * verdicts come from CountOrFraction and PoisonsSeenOverlap.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeComparison.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

final class SizeTables {
  static final List<String> CSV_HEADER =
      List.of(
          "question",
          "data_multiplier",
          "defense",
          "model_a",
          "poisons_a",
          "fraction_a",
          "seeds_a",
          "mean_a",
          "sd_a",
          "model_b",
          "poisons_b",
          "fraction_b",
          "seeds_b",
          "mean_b",
          "sd_b",
          "model_c",
          "poisons_c",
          "fraction_c",
          "seeds_c",
          "mean_c",
          "sd_c",
          "estimate",
          "margin95",
          "band",
          "position",
          "distance_in_se",
          "distance_over_level",
          "seen_from",
          "seen_to",
          "onset_a",
          "onset_sd_a",
          "onset_b",
          "onset_sd_b",
          "verdict",
          "reason",
          // last, so every earlier column keeps its position; a file without it is in nats
          "scale");

  private SizeTables() {}

  /** What a table's effects are, per scale. */
  static String unit(Scale scale) {
    return switch (scale) {
      case NATS -> "nats over the same-seed twin, median over excerpts";
      case HEADROOM_SHARE ->
          "share of the headroom: the effect in nats / (ln V − the same-seed twin's median clean "
              + "log-perplexity at that checkpoint); the band is divided by the smallest twin headroom";
      case FIXED_SCORER ->
          "nats over the same-seed twin, median over excerpts, the generations of both scored by one "
              + "fixed model";
    };
  }

  private static String prefix(Scale scale) {
    return switch (scale) {
      case NATS -> "";
      case HEADROOM_SHARE -> "On the share of the headroom. ";
      case FIXED_SCORER -> "On the fixed scorer's scale. ";
    };
  }

  static Table sameCount(List<SizeComparison> comparisons, Scale scale) {
    List<List<String>> rows = new ArrayList<>();
    for (SizeComparison c : comparisons) {
      rows.add(
          List.of(
              Integer.toString(c.cells().get(0).poisons()),
              config(c.cells().get(0)),
              effect(c.measures().get(0)),
              config(c.cells().get(1)),
              effect(c.measures().get(1)),
              Summary.number(c.estimate()),
              Summary.number(c.noise()),
              Summary.number(c.band()),
              c.verdict()));
    }
    return new Table(
        prefix(scale)
            + "F2, same count: final per-seed effect ("
            + unit(scale)
            + "; mean ± sd over seeds) of two sizes at one poison count, with the poison share of the training tokens. "
            + "They differ when |a − b| exceeds both its 95% Welch margin (t quantile × standard error) and the "
            + "widest twin-vs-twin band.",
        List.of(
            "poisons",
            "size a (share)",
            "effect a",
            "size b (share)",
            "effect b",
            "a − b",
            "95% margin",
            "band",
            "verdict"),
        rows);
  }

  static Table matched(List<SizeComparison> comparisons, Scale scale) {
    List<List<String>> rows = new ArrayList<>();
    for (SizeComparison c : comparisons) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        row.add(config(c.cells().get(i)));
        row.add(effect(c.measures().get(i)));
      }
      row.addAll(
          List.of(
              Summary.number(c.position()),
              Summary.number(c.estimate()),
              Summary.number(c.noise()),
              Summary.number(c.band()),
              c.verdict()));
      rows.add(row);
    }
    return new Table(
        prefix(scale)
            + "F2, matched fractions ("
            + unit(scale)
            + "): a target against its same-count peer and a same-fraction peer (another size "
            + "at another count, poison shares within "
            + CountOrFraction.TOLERANCE
            + "x). Position: 0 = the fraction peer's effect, 1 = the count peer's. Distance: the target's "
            + "mean minus the peers' midpoint, positive toward the count peer. Count (fraction) decides when "
            + "it exceeds its 95% Welch margin and the band on the count (fraction) side, and the peers "
            + "themselves differ, unless the target also differs from that peer beyond its own 95% margin "
            + "and the band: then neither (past the count or fraction peer, or between the peers); "
            + "otherwise inconclusive.",
        List.of(
            "target (share)",
            "effect",
            "count peer (share)",
            "effect",
            "fraction peer (share)",
            "effect",
            "position",
            "distance",
            "95% margin",
            "band",
            "verdict"),
        rows);
  }

  static Table curves(List<SizeComparison> comparisons, Scale scale) {
    List<List<String>> rows = new ArrayList<>();
    for (SizeComparison c : comparisons) {
      rows.add(
          List.of(
              Integer.toString(c.cells().get(0).poisons()),
              c.cells().get(0).line().label(),
              effect(c.onsets().get(0)),
              c.cells().get(1).line().label(),
              effect(c.onsets().get(1)),
              Summary.number(c.seenFrom()) + " to " + Summary.number(c.seenTo()),
              effect(c.measures().get(0)),
              effect(c.measures().get(1)),
              Summary.number(c.estimate()),
              Summary.number(c.noise()),
              Summary.number(c.standardErrors()),
              Summary.number(c.relativeDistance()),
              c.verdict()));
    }
    return new Table(
        prefix(scale)
            + "F4, effect against poisons seen at one count: each seed's effect per checkpoint ("
            + unit(scale)
            + "), interpolated linearly in poisons seen and averaged over the range all seeds of both sizes "
            + "cover. Onset: poisons seen where a seed first reaches half its final effect (seeds whose final "
            + "effect exceeds the band). Overlap: |a − b| + 95% margin below a third of the larger mean; no "
            + "overlap: |a − b| above the margin, the band and a third of the larger mean; else inconclusive.",
        List.of(
            "poisons",
            "size a",
            "onset a",
            "size b",
            "onset b",
            "poisons seen",
            "mean effect a",
            "mean effect b",
            "a − b",
            "95% margin",
            "|a − b| / se",
            "|a − b| / level",
            "verdict"),
        rows);
  }

  static String csv(List<SizeComparison> comparisons) {
    StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
    for (SizeComparison c : comparisons) {
      Cell first = c.cells().get(0);
      List<String> cells =
          new ArrayList<>(
              List.of(
                  c.question(),
                  CsvCells.number(first.line().dataMultiplier()),
                  first.line().defense()));
      for (int i = 0; i < 3; i++) {
        cells.addAll(side(c, i));
      }
      for (double value :
          new double[] {
            c.estimate(),
            c.noise(),
            c.band(),
            c.position(),
            c.standardErrors(),
            c.relativeDistance(),
            c.seenFrom(),
            c.seenTo()
          }) {
        cells.add(CsvCells.number(value));
      }
      for (int i = 0; i < 2; i++) {
        Summary onset = i < c.onsets().size() ? c.onsets().get(i) : Summary.of();
        cells.add(CsvCells.number(onset.mean()));
        cells.add(CsvCells.number(onset.n() > 1 ? onset.std() : Double.NaN));
      }
      cells.add(c.verdict());
      cells.add(c.reason());
      cells.add(c.scale().label);
      csv.append(String.join(",", cells.stream().map(CsvCells::quote).toList())).append('\n');
    }
    return csv.toString();
  }

  /** model, poisons, fraction, seeds, mean, sd of the i-th configuration; empty cells if none. */
  private static List<String> side(SizeComparison c, int i) {
    if (i >= c.cells().size()) {
      return List.of("", "", "", "", "", "");
    }
    Cell cell = c.cells().get(i);
    Summary measure = c.measures().get(i);
    return List.of(
        cell.line().model(),
        Integer.toString(cell.poisons()),
        CsvCells.number(cell.fraction()),
        Integer.toString(measure.n()),
        CsvCells.number(measure.mean()),
        CsvCells.number(measure.n() > 1 ? measure.std() : Double.NaN));
  }

  /** "mini (1.1M) at 1000 (0.49%)". */
  static String config(Cell cell) {
    return cell.line().label() + " at " + cell.poisons() + " (" + share(cell.fraction()) + ")";
  }

  static String share(double fraction) {
    return Double.isNaN(fraction)
        ? "share unknown"
        : String.format(Locale.ROOT, "%.2g%%", 100 * fraction);
  }

  /** "0.30 ± 0.05 (n=3)", or "–" for no seeds. */
  static String effect(Summary summary) {
    return summary.n() == 0 ? "–" : summary.format() + " (n=" + summary.n() + ")";
  }
}
