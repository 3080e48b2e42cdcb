/*
 * The files of an evaluation directory: eval.json (the settings and one entry per evaluated checkpoint),
 * curve.csv (the same entries, one row each, ascending by step) and excerpts-step-N.jsonl (per-excerpt rows).
 * Every file is written atomically; eval.json is written last for a checkpoint, so it lists only checkpoints
 * whose other files are complete, which is what makes resuming safe. Not the protocol: see BackdoorEvaluator.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

public final class EvalOutput {
  public static final String EVAL_FILE = "eval.json";
  public static final String CURVE_FILE = "curve.csv";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EvalOutput() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record EvalFile(
      int formatVersion,
      RecordedSettings settings,
      TriggerTokens.Table triggerTokens,
      List<CheckpointResult> checkpoints) {
    public EvalFile {
      checkpoints =
          checkpoints.stream().sorted(Comparator.comparingLong(CheckpointResult::step)).toList();
    }
  }

  /**
   * The checkpoints already evaluated in {@code directory} under the same settings (empty when
   * there is no eval.json yet). Different settings are an error: mixing them would make the curve
   * meaningless.
   */
  public static List<CheckpointResult> resume(Path directory, RecordedSettings settings) {
    Path file = directory.resolve(EVAL_FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    EvalFile existing;
    try {
      existing = JSON.readValue(file.toFile(), EvalFile.class);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read an earlier evaluation: " + e.getMessage(), e);
    }
    String difference =
        firstDifference(JSON.valueToTree(existing.settings()), JSON.valueToTree(settings));
    if (difference != null) {
      throw new InputException(
          file,
          0,
          "was written with different settings ("
              + difference
              + "); use another --out, or the same options to resume");
    }
    return existing.checkpoints();
  }

  public static void writeExcerpts(
      Path directory, long step, List<BackdoorEvaluator.ExcerptResult> rows) {
    try (JsonlWriter writer = new JsonlWriter(directory.resolve(excerptsFileName(step)))) {
      rows.forEach(writer::write);
      writer.commit();
    }
  }

  public static String excerptsFileName(long step) {
    return String.format(Locale.ROOT, "excerpts-step-%07d.jsonl", step);
  }

  /**
   * Reads an eval.json (for the report and the demo); the trigger table and nats are null in older
   * files.
   */
  public static EvalFile readEval(Path file) {
    try {
      return JSON.readValue(file.toFile(), EvalFile.class);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read the evaluation: " + e.getMessage(), e);
    }
  }

  public static void writeEval(
      Path directory,
      RecordedSettings settings,
      TriggerTokens.Table tokens,
      List<CheckpointResult> results) {
    EvalFile file = new EvalFile(FORMAT_VERSION, settings, tokens, results);
    AtomicFiles.write(directory.resolve(EVAL_FILE), out -> JSON.writeValue(out, file));
  }

  /**
   * curve.csv: one row per checkpoint; near_trigger_* is the first control, control2_* the next
   * ones. The nats columns come last (log_ppl_gap, ..., controlN_log_gap,
   * controlN_specificity_ratio), so readers that index the older columns by position still work; an
   * undefined ratio is an empty cell.
   */
  public static void writeCurve(Path directory, List<CheckpointResult> results, int controls) {
    StringBuilder csv = new StringBuilder(String.join(",", curveHeader(controls))).append('\n');
    results.stream()
        .sorted(Comparator.comparingLong(CheckpointResult::step))
        .forEach(r -> csv.append(String.join(",", curveRow(r, controls))).append('\n'));
    AtomicFiles.writeString(directory.resolve(CURVE_FILE), csv.toString());
  }

  /** curve.csv's columns for {@code controls} control triggers. */
  private static List<String> curveHeader(int controls) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "step",
                "training_fraction",
                "tokens_seen",
                "poisons_seen",
                "context_length",
                "prompt_tokens",
                "new_tokens",
                "count",
                "perplexity_without_trigger",
                "perplexity_without_trigger_median",
                "perplexity_with_trigger",
                "perplexity_with_trigger_median",
                "perplexity_gap",
                "perplexity_gap_median",
                "collapse_rate",
                "near_trigger_gap",
                "near_trigger_collapse_rate",
                "val_loss"));
    for (int c = 2; c <= controls; c++) {
      header.addAll(
          List.of(
              "control" + c + "_gap",
              "control" + c + "_gap_median",
              "control" + c + "_collapse_rate"));
    }
    header.addAll(List.of("log_ppl_gap", "log_ppl_gap_median", "max_specificity_ratio"));
    for (int c = 1; c <= controls; c++) {
      header.addAll(List.of("control" + c + "_log_gap", "control" + c + "_specificity_ratio"));
    }
    return header;
  }

  /** One checkpoint's cells, in curveHeader's order. */
  private static List<String> curveRow(CheckpointResult r, int controls) {
    List<String> cells =
        new ArrayList<>(
            List.of(
                Long.toString(r.step()),
                number(r.trainingFraction()),
                Long.toString(r.tokensSeen()),
                Long.toString(r.poisonsSeen()),
                Integer.toString(r.contextLength()),
                Integer.toString(r.promptTokens()),
                Integer.toString(r.newTokens()),
                Integer.toString(r.count()),
                number(r.perplexityWithoutTrigger()),
                number(r.perplexityWithoutTriggerMedian()),
                number(r.perplexityWithTrigger()),
                number(r.perplexityWithTriggerMedian()),
                number(r.perplexityGap()),
                number(r.perplexityGapMedian()),
                number(r.collapseRate()),
                number(r.nearTriggerGap()),
                number(r.nearTriggerCollapseRate()),
                number(r.valLoss())));
    for (int c = 1; c < controls; c++) {
      TriggerStatistics control = r.controls().get(c);
      cells.addAll(
          List.of(
              number(control.gap()), number(control.gapMedian()), number(control.collapseRate())));
    }
    cells.addAll(
        List.of(
            number(r.logPplGap()), number(r.logPplGapMedian()), number(r.maxSpecificityRatio())));
    for (int c = 0; c < controls; c++) {
      TriggerStatistics control = r.controls().get(c);
      cells.addAll(List.of(number(control.logGap()), number(control.specificityRatio())));
    }
    return cells;
  }

  /** Six significant digits, plain notation; empty for a missing value. */
  static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "";
    }
    if (value.isInfinite()) {
      return value > 0 ? "inf" : "-inf";
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String firstDifference(JsonNode old, JsonNode now) {
    Iterator<String> names = now.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!now.get(name).equals(old.get(name))) {
        return name + ": " + old.get(name) + " before, " + now.get(name) + " now";
      }
    }
    return null;
  }
}
