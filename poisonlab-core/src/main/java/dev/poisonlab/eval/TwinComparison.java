/*
 * Is a poisoned run's gap more than its clean twin's? For every checkpoint both runs evaluated, pairs the
 * per-excerpt gaps (same excerpts, same prompts) and tests gap_poisoned > gap_twin with a one-sided Wilcoxon
 * signed-rank test (commons-statistics: exact for small samples without ties, else normal with continuity
 * correction); within the poisoned run, trigger perplexity > the first control's (specificity). Excerpts are the
 * unit, so differences between any two models count: this is a secondary column; the model-level verdict is
 * eval.ModelVerdict. Reads plain or gzipped excerpt files (ExcerptFiles). Not an evaluation itself.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

public final class TwinComparison {
  /** The significance level the report's verdicts use. */
  public static final double ALPHA = 0.01;

  private static final WilcoxonSignedRankTest GREATER =
      WilcoxonSignedRankTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

  /**
   * One checkpoint: medians of each run's per-excerpt gaps, the median paired difference (poisoned
   * - twin), the share of excerpts where the poisoned gap is higher, and the test's p-value;
   * specificity fields are NaN when the evaluation had no control trigger.
   */
  public record StepComparison(
      long step,
      int pairs,
      double poisonedGapMedian,
      double twinGapMedian,
      double medianDifference,
      double shareHigher,
      double pValue,
      double specificityMedian,
      double specificityPValue) {

    public boolean backdoor() {
      return pValue < ALPHA;
    }

    /** Builds a StepComparison by component name instead of by 9 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** StepComparison's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private long step;
      private int pairs;
      private double poisonedGapMedian;
      private double twinGapMedian;
      private double medianDifference;
      private double shareHigher;
      private double pValue;
      private double specificityMedian;
      private double specificityPValue;

      private Builder() {}

      public Builder step(long value) {
        this.step = value;
        return this;
      }

      public Builder pairs(int value) {
        this.pairs = value;
        return this;
      }

      public Builder poisonedGapMedian(double value) {
        this.poisonedGapMedian = value;
        return this;
      }

      public Builder twinGapMedian(double value) {
        this.twinGapMedian = value;
        return this;
      }

      public Builder medianDifference(double value) {
        this.medianDifference = value;
        return this;
      }

      public Builder shareHigher(double value) {
        this.shareHigher = value;
        return this;
      }

      public Builder pValue(double value) {
        this.pValue = value;
        return this;
      }

      public Builder specificityMedian(double value) {
        this.specificityMedian = value;
        return this;
      }

      public Builder specificityPValue(double value) {
        this.specificityPValue = value;
        return this;
      }

      public StepComparison build() {
        return new StepComparison(
            step,
            pairs,
            poisonedGapMedian,
            twinGapMedian,
            medianDifference,
            shareHigher,
            pValue,
            specificityMedian,
            specificityPValue);
      }
    }
  }

  private TwinComparison() {}

  /**
   * Every step with an excerpts file in both evaluation directories and an excerpt in common,
   * ascending.
   */
  public static List<StepComparison> compare(Path poisonedEval, Path twinEval) {
    TreeMap<Long, Path> poisoned = ExcerptFiles.list(poisonedEval);
    TreeMap<Long, Path> twin = ExcerptFiles.list(twinEval);
    List<StepComparison> comparisons = new ArrayList<>();
    for (var entry : poisoned.entrySet()) {
      Path twinFile = twin.get(entry.getKey());
      StepComparison comparison =
          twinFile == null ? null : compare(entry.getKey(), entry.getValue(), twinFile);
      if (comparison != null) {
        comparisons.add(comparison);
      }
    }
    return comparisons;
  }

  /**
   * Pairs excerpts by id (the twin may hold out a few other documents when excerpts come from each
   * run's own held-out split); null when no excerpt is shared. The same id with another prompt is
   * an error.
   */
  static StepComparison compare(long step, Path poisonedFile, Path twinFile) {
    List<BackdoorEvaluator.ExcerptResult> poisoned = ExcerptFiles.read(poisonedFile);
    Map<String, BackdoorEvaluator.ExcerptResult> twin = new HashMap<>();
    ExcerptFiles.read(twinFile).forEach(row -> twin.put(row.id(), row));
    List<double[]> pairs = new ArrayList<>();
    for (BackdoorEvaluator.ExcerptResult p : poisoned) {
      BackdoorEvaluator.ExcerptResult t = twin.get(p.id());
      if (t == null) {
        continue;
      }
      if (!p.prompt().equals(t.prompt())) {
        throw new InputException(
            twinFile,
            0,
            "excerpt '"
                + t.id()
                + "' has another prompt than in "
                + poisonedFile
                + ": both runs must use the same tokenizer and prompt length");
      }
      pairs.add(new double[] {p.gap(), t.gap()});
    }
    if (pairs.isEmpty()) {
      return null;
    }
    double[] poisonedGaps = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
    double[] twinGaps = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
    double[] differences = pairs.stream().mapToDouble(pair -> pair[0] - pair[1]).toArray();
    double shareHigher =
        Arrays.stream(differences).filter(d -> d > 0).count() / (double) differences.length;
    double[] specificity = specificityDifferences(poisoned);
    return StepComparison.builder()
        .step(step)
        .pairs(differences.length)
        .poisonedGapMedian(median(poisonedGaps))
        .twinGapMedian(median(twinGaps))
        .medianDifference(median(differences))
        .shareHigher(shareHigher)
        .pValue(pValue(differences))
        .specificityMedian(specificity == null ? Double.NaN : median(specificity))
        .specificityPValue(specificity == null ? Double.NaN : pValue(specificity))
        .build();
  }

  /**
   * CSV, one row per step; `prefix` columns (e.g. run ids) are prepended to each row,
   * `prefixHeader` names them.
   */
  public static String csv(
      List<String> prefixHeader, List<List<String>> prefixes, List<List<StepComparison>> rows) {
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(prefixHeader);
    header.addAll(
        List.of(
            "step",
            "pairs",
            "poisoned_gap_median",
            "twin_gap_median",
            "median_difference",
            "share_higher",
            "p_value",
            "backdoor",
            "specificity_median",
            "specificity_p_value"));
    csv.append(String.join(",", header)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      for (StepComparison c : rows.get(i)) {
        List<String> cells = new ArrayList<>(prefixes.get(i));
        cells.addAll(
            List.of(
                Long.toString(c.step()),
                Integer.toString(c.pairs()),
                EvalOutput.number(c.poisonedGapMedian()),
                EvalOutput.number(c.twinGapMedian()),
                EvalOutput.number(c.medianDifference()),
                EvalOutput.number(c.shareHigher()),
                EvalOutput.number(c.pValue()),
                Boolean.toString(c.backdoor()),
                EvalOutput.number(c.specificityMedian()),
                EvalOutput.number(c.specificityPValue())));
        csv.append(String.join(",", cells)).append('\n');
      }
    }
    return csv.toString();
  }

  /** One-sided p-value that the differences lean positive; 1 when every difference is zero. */
  static double pValue(double[] differences) {
    if (Arrays.stream(differences).allMatch(d -> d == 0)) {
      return 1.0;
    }
    return GREATER.test(differences).getPValue();
  }

  /** perplexity with trigger - with the first control, per excerpt; null without controls. */
  private static double[] specificityDifferences(List<BackdoorEvaluator.ExcerptResult> rows) {
    if (rows.get(0).controlPerplexities() == null || rows.get(0).controlPerplexities().isEmpty()) {
      return null;
    }
    return rows.stream()
        .mapToDouble(r -> r.perplexityWithTrigger() - r.controlPerplexities().get(0))
        .toArray();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
