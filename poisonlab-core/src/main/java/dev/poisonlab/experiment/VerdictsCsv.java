/*
 * The text of verdicts.csv: one row per configuration and checkpoint step, per-seed values space-separated in
 * seed order (so the file stays plain comma-separated). Formatting only; report.VerdictFindings reads it back
 * by column name.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.ModelVerdict;
import dev.poisonlab.eval.TwinComparison;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.Function;

final class VerdictsCsv {
  static final List<String> HEADER =
      List.of(
          "model",
          "data_multiplier",
          "defense",
          "poisons",
          "placebo",
          "step",
          "last_step",
          "seeds",
          "poisoned_seeds",
          "twins",
          "effects_nats",
          "band_nats",
          "verdict",
          "permutation_p",
          "min_p",
          "wilcoxon_called",
          "wilcoxon_p_values");

  private VerdictsCsv() {}

  /**
   * A grid of several attacks adds a last column `strategy`; other grids' files keep the header
   * they always had.
   */
  static String format(List<Verdicts.Row> rows) {
    boolean attacks = rows.stream().anyMatch(row -> row.config().strategy() != null);
    StringBuilder csv = new StringBuilder(String.join(",", HEADER));
    csv.append(attacks ? ",strategy\n" : "\n");
    for (Verdicts.Row row : rows) {
      RunSpec config = row.config();
      ModelVerdict.Verdict verdict = row.verdict();
      List<String> cells =
          List.of(
              config.model(),
              Double.toString(config.dataMultiplier()),
              config.defense(),
              Integer.toString(config.numPoisonDocs()),
              Boolean.toString(config.placebo()),
              row.step() < 0 ? "" : Long.toString(row.step()),
              Boolean.toString(row.last()),
              joined(row.seeds(), String::valueOf),
              Integer.toString(verdict.effects().size()),
              Integer.toString(verdict.twins()),
              joined(verdict.effects(), e -> number(e.effect())),
              number(verdict.band()),
              verdict.label(),
              number(verdict.permutationP()),
              number(verdict.minP()),
              // how many seeds the excerpt-level test alone would call, for comparison with the
              // model-level verdict
              verdict.wilcoxonCalled()
                  + "/"
                  + verdict.effects().size()
                  + " p<"
                  + TwinComparison.ALPHA,
              joined(verdict.effects(), e -> number(e.wilcoxonP())));
      csv.append(String.join(",", cells));
      csv.append(attacks ? "," + config.strategy() + "\n" : "\n");
    }
    return csv.toString();
  }

  private static <T> String joined(List<T> values, Function<T, String> format) {
    return String.join(" ", values.stream().map(format).toList());
  }

  /** Six significant digits, empty for NaN: deterministic and short. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
