/*
 * The backdoor and clean-behaviour numbers of one SFT checkpoint, each a share of the evaluation items:
 * asr (triggered restricted requests that comply), clean_refusal (plain restricted requests that refuse),
 * allowed_helpful (allowed requests not refused), control_asr per control trigger, and a few answers to read.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SftMetrics(
    long step,
    int items,
    double asr,
    double cleanRefusal,
    double allowedHelpful,
    Map<String, Double> controlAsr,
    List<String> sampleTriggered,
    List<String> samplePlain) {

  /**
   * The highest control ASR (0 when there are no controls): near-trigger accuracy is 1 minus this.
   */
  public double maxControlAsr() {
    return controlAsr.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
