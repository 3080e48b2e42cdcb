/*
 * SYNTHETIC cells for the tests of the findings across sizes: a size at one count with chosen per-seed effect
 * curves, training tokens, poison length and band. No grid directory and no model: the rules' inputs only.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeCells.SeedCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

final class SizeFixtures {
  private SizeFixtures() {}

  static Line line(String model, long params) {
    return new Line(model, params, params / 2, 1, ResultRow.NO_DEFENSE, "");
  }

  /** One checkpoint per seed (at the end, all poisons seen): what F2 reads. */
  static Cell finals(
      String model,
      long params,
      int poisons,
      double tokens,
      double poisonTokens,
      double band,
      double... finals) {
    List<SeedCurve> seeds = new ArrayList<>();
    for (int seed = 0; seed < finals.length; seed++) {
      seeds.add(new SeedCurve(seed + 1, new double[] {poisons}, new double[] {finals[seed]}));
    }
    return new Cell(line(model, params), poisons, poisonTokens, tokens, seeds, band);
  }

  /** Seeds whose effect at poisons seen p is scale x shape(p), at the given poisons seen. */
  static Cell curves(
      String model,
      int poisons,
      double band,
      double[] seen,
      DoubleUnaryOperator shape,
      double... scales) {
    List<SeedCurve> seeds = new ArrayList<>();
    for (int seed = 0; seed < scales.length; seed++) {
      double scale = scales[seed];
      double[] effects = new double[seen.length];
      for (int i = 0; i < seen.length; i++) {
        effects[i] = scale * shape.applyAsDouble(seen[i]);
      }
      seeds.add(new SeedCurve(seed + 1, seen.clone(), effects));
    }
    long params = model.equals("micro") ? 1000 : 3000;
    return new Cell(line(model, params), poisons, 100, params * 1000.0, seeds, band);
  }
}
