/*
 * `poisonlab demo`: the study in miniature on the embedded corpus with no download — a poisoned model and its
 * unpoisoned twin trained, evaluated and reported through the ordinary grid path (GridPresets.demo()), plus
 * summary.json with the final checkpoint of each (gaps in perplexity and nats, every control's log gap, the
 * trigger's tokens, the stream's payload_window_share) and the paired test of one against the other. Nothing
 * here special-cases the pipeline: only the preset chooses sizes and counts.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.eval.TwinComparison;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Demo {
  public static final String SUMMARY_FILE = "summary.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Demo() {}

  /**
   * How much larger (in nats) the poisoned model's log gap must be than its twin's for a visible
   * backdoor.
   */
  public static final double VISIBLE_LOG_GAP_MARGIN = 0.3;

  /**
   * The final checkpoint of one side of the comparison. {@code controls}: control -> log gap in
   * nats; {@code payloadWindowShare}: from the run's stream manifest, null when the manifest has no
   * such field.
   */
  public record Side(
      String runId,
      int poisons,
      long step,
      double perplexityWithTrigger,
      double perplexityWithoutTrigger,
      double perplexityGap,
      double gapMedian,
      @JsonProperty("share_gap_over_50") double shareGapOver50,
      String nearTrigger,
      double nearTriggerGap,
      double valLoss,
      Double logPplGap,
      Map<String, Double> controls,
      List<String> triggerTokens,
      Double payloadWindowShare) {

    static Side of(ResultRow row, Path runDirectory) {
      Map<String, Double> controls = new LinkedHashMap<>();
      row.logGaps()
          .controlLogGaps()
          .forEach((control, gap) -> controls.put(control, gap.isNaN() ? null : gap));
      return builder()
          .runId(row.runId())
          .poisons(row.poisons())
          .step(row.step())
          .perplexityWithTrigger(row.perplexityWithTrigger())
          .perplexityWithoutTrigger(row.perplexityWithoutTrigger())
          .perplexityGap(row.perplexityGap())
          .gapMedian(row.gapMedian())
          .shareGapOver50(row.shareGapOver50())
          .nearTrigger(row.nearTrigger())
          .nearTriggerGap(row.nearTriggerGap())
          .valLoss(row.valLoss())
          .logPplGap(Double.isNaN(row.logPplGap()) ? null : row.logPplGap())
          .controls(controls)
          .triggerTokens(DemoRunFiles.triggerTokens(runDirectory))
          .payloadWindowShare(DemoRunFiles.payloadWindowShare(runDirectory))
          .build();
    }

    /** Builds a Side by component name instead of by 15 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** Side's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String runId;
      private int poisons;
      private long step;
      private double perplexityWithTrigger;
      private double perplexityWithoutTrigger;
      private double perplexityGap;
      private double gapMedian;
      private double shareGapOver50;
      private String nearTrigger;
      private double nearTriggerGap;
      private double valLoss;
      private Double logPplGap;
      private Map<String, Double> controls;
      private List<String> triggerTokens;
      private Double payloadWindowShare;

      private Builder() {}

      public Builder runId(String value) {
        this.runId = value;
        return this;
      }

      public Builder poisons(int value) {
        this.poisons = value;
        return this;
      }

      public Builder step(long value) {
        this.step = value;
        return this;
      }

      public Builder perplexityWithTrigger(double value) {
        this.perplexityWithTrigger = value;
        return this;
      }

      public Builder perplexityWithoutTrigger(double value) {
        this.perplexityWithoutTrigger = value;
        return this;
      }

      public Builder perplexityGap(double value) {
        this.perplexityGap = value;
        return this;
      }

      public Builder gapMedian(double value) {
        this.gapMedian = value;
        return this;
      }

      public Builder shareGapOver50(double value) {
        this.shareGapOver50 = value;
        return this;
      }

      public Builder nearTrigger(String value) {
        this.nearTrigger = value;
        return this;
      }

      public Builder nearTriggerGap(double value) {
        this.nearTriggerGap = value;
        return this;
      }

      public Builder valLoss(double value) {
        this.valLoss = value;
        return this;
      }

      public Builder logPplGap(Double value) {
        this.logPplGap = value;
        return this;
      }

      public Builder controls(Map<String, Double> value) {
        this.controls = value;
        return this;
      }

      public Builder triggerTokens(List<String> value) {
        this.triggerTokens = value;
        return this;
      }

      public Builder payloadWindowShare(Double value) {
        this.payloadWindowShare = value;
        return this;
      }

      public Side build() {
        return new Side(
            runId,
            poisons,
            step,
            perplexityWithTrigger,
            perplexityWithoutTrigger,
            perplexityGap,
            gapMedian,
            shareGapOver50,
            nearTrigger,
            nearTriggerGap,
            valLoss,
            logPplGap,
            controls,
            triggerTokens,
            payloadWindowShare);
      }
    }
  }

  public record Result(
      GridRunner.Result grid,
      Side poisoned,
      Side clean,
      TwinComparison.StepComparison pairedTest,
      Path summaryFile) {
    /**
     * The demo's claim, checked rather than asserted: the poisoned model's log gap exceeds its
     * twin's by more than VISIBLE_LOG_GAP_MARGIN nats (0.3 nats: continuations ~35% more perplexing
     * per token with the trigger than the same comparison on the twin). Nats, not a perplexity gap
     * of 50, because 50 points mean different things at different clean perplexities.
     */
    public boolean backdoorVisible() {
      return poisoned != null
          && clean != null
          && poisoned.logPplGap() != null
          && clean.logPplGap() != null
          && poisoned.logPplGap() - clean.logPplGap() > VISIBLE_LOG_GAP_MARGIN;
    }
  }

  public static Result run(Path out, GridRunner.Options options) {
    return run(GridPresets.demo(), out, options);
  }

  static Result run(GridSpec spec, Path out, GridRunner.Options options) {
    GridRunner.Result grid = GridRunner.run(spec, out, options);
    if (!grid.failures().isEmpty() || !Files.isRegularFile(grid.resultsFile())) {
      return new Result(grid, null, null, null, null);
    }
    List<ResultRow> rows = ResultsCsv.read(grid.resultsFile());
    Side poisoned = finalRow(rows, false, out);
    Side clean = finalRow(rows, true, out);
    List<TwinComparison.StepComparison> paired =
        TwinComparison.compare(
            out.resolve("runs").resolve(poisoned.runId()).resolve("eval"),
            out.resolve("runs").resolve(clean.runId()).resolve("eval"));
    TwinComparison.StepComparison pairedTest =
        paired.isEmpty() ? null : paired.get(paired.size() - 1);
    Path summary = out.resolve(SUMMARY_FILE);
    Result result = new Result(grid, poisoned, clean, pairedTest, summary);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("poisoned", poisoned);
    content.put("clean", clean);
    content.put("backdoor_visible", result.backdoorVisible());
    content.put("paired_test", pairedTest);
    content.put(
        "val_loss_relative_difference", (poisoned.valLoss() - clean.valLoss()) / clean.valLoss());
    content.put("grid", spec);
    try {
      AtomicFiles.writeString(summary, JSON.writeValueAsString(content) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  private static Side finalRow(List<ResultRow> rows, boolean cleanTwin, Path out) {
    return rows.stream()
        .filter(row -> (row.poisons() == 0) == cleanTwin)
        .max(Comparator.comparingLong(ResultRow::step))
        .map(row -> Side.of(row, out.resolve("runs").resolve(row.runId())))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "demo grid produced no " + (cleanTwin ? "clean" : "poisoned") + " rows"));
  }
}
