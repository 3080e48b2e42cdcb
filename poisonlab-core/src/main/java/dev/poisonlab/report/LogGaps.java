/*
 * The nats columns of a results.csv row: the trigger's mean and median log gap (ln ppl with - ln ppl without),
 * the first control's log gap, the largest specificity ratio over the controls (control / trigger log gap;
 * NaN when the trigger's log gap is <= 0) and every control's log gap. All NaN (and no controls) for rows
 * read from results.csv files written before these columns. Only values; ResultsCsv reads and writes them.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

public record LogGaps(
    double logPplGap,
    double logPplGapMedian,
    double nearTriggerLogGap,
    double specificityRatio,
    Map<String, Double> controlLogGaps) {

  /** A row without nats (an older results.csv). */
  public static final LogGaps NONE =
      new LogGaps(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  public LogGaps {
    controlLogGaps =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(controlLogGaps == null ? Map.of() : controlLogGaps));
    check("log_ppl_gap", logPplGap);
    check("log_ppl_gap_median", logPplGapMedian);
    check("near_trigger_log_gap", nearTriggerLogGap);
    check("specificity_ratio", specificityRatio);
    controlLogGaps.forEach(
        (control, gap) -> {
          if (gap == null || Double.isInfinite(gap)) {
            throw new IllegalArgumentException(
                "control_log_gaps: " + control + " must be a finite number or NaN");
          }
        });
  }

  /** Whether this row carries the trigger's log gap (false for rows from older files). */
  public boolean isMeasured() {
    return !Double.isNaN(logPplGap);
  }

  private static void check(String column, double value) {
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          column + " must be a finite number or empty, got " + value);
    }
  }

  /**
   * control_log_gaps as its CSV cell: a JSON object {control: log gap}, empty when there are none.
   */
  String controlsCell() {
    if (controlLogGaps.isEmpty()) {
      return "";
    }
    Map<String, Double> finite = new LinkedHashMap<>();
    controlLogGaps.forEach((control, gap) -> finite.put(control, Double.isNaN(gap) ? null : gap));
    try {
      return JSON.writeValueAsString(finite);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Double> parseControls(String cell) {
    if (cell.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Double> parsed =
          JSON.readValue(cell, new TypeReference<LinkedHashMap<String, Double>>() {});
      Map<String, Double> gaps = new LinkedHashMap<>();
      parsed.forEach((control, gap) -> gaps.put(control, gap == null ? Double.NaN : gap));
      return gaps;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "control_log_gaps is not a JSON object of numbers: " + cell);
    }
  }
}
