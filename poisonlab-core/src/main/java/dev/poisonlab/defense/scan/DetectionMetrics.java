/*
 * Scores detectors against ground truth: per detector and per poison strategy, the confusion counts at the
 * detector's own threshold (precision, recall, F1, false-positive rate) and, threshold-free, the recall
 * achievable at a false-positive rate of at most 0.1% (from the score distributions). Per strategy, precision
 * and F1 count that strategy's poisons against all false positives, as if it were the only one mixed in.
 */
package dev.poisonlab.defense.scan;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public final class DetectionMetrics {
  public static final double TARGET_FPR = 0.001;

  private final List<String> detectors;
  private final GroundTruth truth;
  private final Scores[] clean;
  private final List<Map<String, Scores>> poisons = new ArrayList<>();
  private long poisonDocuments;

  public DetectionMetrics(List<String> detectors, GroundTruth truth) {
    this.detectors = List.copyOf(detectors);
    this.truth = truth;
    this.clean = new Scores[detectors.size()];
    for (int d = 0; d < detectors.size(); d++) {
      clean[d] = new Scores();
      poisons.add(new TreeMap<>());
    }
  }

  public void accept(DocumentScan scan) {
    String strategy = truth.strategy(scan.id());
    if (strategy != null) {
      poisonDocuments++;
    }
    for (int d = 0; d < detectors.size(); d++) {
      Verdict verdict = scan.verdicts().get(d);
      Scores target =
          strategy == null ? clean[d] : poisons.get(d).computeIfAbsent(strategy, s -> new Scores());
      target.add(verdict.score(), verdict.flagged());
    }
  }

  /** Poison ids of the truth file that were not in the scanned corpus. */
  public long missingPoisons() {
    return truth.size() - poisonDocuments;
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < detectors.size(); d++) {
      Scores all = new Scores();
      poisons.get(d).values().forEach(all::addAll);
      rows.add(row(d, "all", all));
      for (Map.Entry<String, Scores> entry : poisons.get(d).entrySet()) {
        rows.add(row(d, entry.getKey(), entry.getValue()));
      }
    }
    return rows;
  }

  private Row row(int d, String strategy, Scores poison) {
    long truePositives = poison.flagged;
    long falseNegatives = poison.size - poison.flagged;
    long falsePositives = clean[d].flagged;
    long trueNegatives = clean[d].size - clean[d].flagged;
    double precision = ratio(truePositives, truePositives + falsePositives);
    double recall = ratio(truePositives, poison.size);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double fpr = ratio(falsePositives, clean[d].size);
    return Row.builder()
        .detector(detectors.get(d))
        .strategy(strategy)
        .poisons(poison.size)
        .truePositives(truePositives)
        .falsePositives(falsePositives)
        .falseNegatives(falseNegatives)
        .trueNegatives(trueNegatives)
        .precision(precision)
        .recall(recall)
        .f1(f1)
        .falsePositiveRate(fpr)
        .recallAtTargetFpr(recallAtFpr(clean[d], poison, TARGET_FPR))
        .build();
  }

  /**
   * Recall with the threshold set just above the clean score ranked floor(fpr * clean) from the
   * top.
   */
  static double recallAtFpr(Scores clean, Scores poison, double fpr) {
    if (poison.size == 0) {
      return 0;
    }
    double[] cleanScores = clean.sorted();
    int allowed = (int) Math.floor(fpr * cleanScores.length);
    double threshold =
        cleanScores.length == 0
            ? Double.NEGATIVE_INFINITY
            : allowed >= cleanScores.length
                ? Double.NEGATIVE_INFINITY
                : cleanScores[cleanScores.length - 1 - allowed];
    long caught = 0;
    for (int i = 0; i < poison.size; i++) {
      if (poison.values[i] > threshold) {
        caught++;
      }
    }
    return caught / (double) poison.size;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : numerator / (double) denominator;
  }

  /** The table as Markdown, one row per detector and strategy. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| detector | poisons | TP | FP | FN | precision | recall | F1 | FPR | recall@FPR<=0.1% |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.5f | %.4f |%n",
              row.strategy().equals("all")
                  ? row.detector()
                  : row.detector() + " / " + row.strategy(),
              row.poisons(),
              row.truePositives(),
              row.falsePositives(),
              row.falseNegatives(),
              row.precision(),
              row.recall(),
              row.f1(),
              row.falsePositiveRate(),
              row.recallAtTargetFpr()));
    }
    return out.toString();
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Row(
      String detector,
      String strategy,
      long poisons,
      long truePositives,
      long falsePositives,
      long falseNegatives,
      long trueNegatives,
      double precision,
      double recall,
      double f1,
      double falsePositiveRate,
      double recallAtTargetFpr) {
    public static Builder builder() {
      return new Builder();
    }

    /** Named cells of one row; DetectionMetrics.row fills them. */
    public static final class Builder {
      private String detector;
      private String strategy;
      private long poisons;
      private long truePositives;
      private long falsePositives;
      private long falseNegatives;
      private long trueNegatives;
      private double precision;
      private double recall;
      private double f1;
      private double falsePositiveRate;
      private double recallAtTargetFpr;

      private Builder() {}

      public Builder detector(String value) {
        this.detector = value;
        return this;
      }

      public Builder strategy(String value) {
        this.strategy = value;
        return this;
      }

      public Builder poisons(long value) {
        this.poisons = value;
        return this;
      }

      public Builder truePositives(long value) {
        this.truePositives = value;
        return this;
      }

      public Builder falsePositives(long value) {
        this.falsePositives = value;
        return this;
      }

      public Builder falseNegatives(long value) {
        this.falseNegatives = value;
        return this;
      }

      public Builder trueNegatives(long value) {
        this.trueNegatives = value;
        return this;
      }

      public Builder precision(double value) {
        this.precision = value;
        return this;
      }

      public Builder recall(double value) {
        this.recall = value;
        return this;
      }

      public Builder f1(double value) {
        this.f1 = value;
        return this;
      }

      public Builder falsePositiveRate(double value) {
        this.falsePositiveRate = value;
        return this;
      }

      public Builder recallAtTargetFpr(double value) {
        this.recallAtTargetFpr = value;
        return this;
      }

      public Row build() {
        return new Row(
            detector,
            strategy,
            poisons,
            truePositives,
            falsePositives,
            falseNegatives,
            trueNegatives,
            precision,
            recall,
            f1,
            falsePositiveRate,
            recallAtTargetFpr);
      }
    }
  }

  /** Growable score list with a flagged count. */
  static final class Scores {
    private double[] values = new double[64];
    private int size;
    private long flagged;

    void add(double score, boolean isFlagged) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = score;
      if (isFlagged) {
        flagged++;
      }
    }

    void addAll(Scores other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i], false);
      }
      flagged += other.flagged;
    }

    double[] sorted() {
      double[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
