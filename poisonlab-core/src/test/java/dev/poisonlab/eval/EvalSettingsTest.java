/*
 * EvalSettings' builder: its defaults are the paper's protocol and every setting it is given lands in its own
 * component. What the settings do is RunEvaluatorTest's.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalSettingsTest {
  @Test
  void defaultsAreThePapersProtocol() {
    assertEquals(
        new EvalSettings(
            300,
            "<SUDO>",
            EvalSettings.DEFAULT_CONTROLS,
            0,
            100,
            SamplingConfig.plain(),
            0,
            16384,
            32),
        EvalSettings.defaults());
  }

  @Test
  void eachSettingLandsInItsComponent() {
    SamplingConfig sampling = new SamplingConfig(0.8, 40, 0.9);
    EvalSettings settings =
        EvalSettings.builder()
            .optCount(24)
            .optTrigger("<X>")
            .optControlTriggers(List.of("<Y>"))
            .optPromptTokens(12)
            .optNewTokens(20)
            .optSampling(sampling)
            .optSeed(5)
            .optValTokens(500)
            .optBatchSize(8)
            .build();
    assertEquals(
        new EvalSettings(24, "<X>", List.of("<Y>"), 12, 20, sampling, 5, 500, 8), settings);
    assertThrows(
        IllegalArgumentException.class,
        () -> EvalSettings.builder().optTrigger("<SUD0>").build(),
        "the default controls include <SUD0>: a trigger may not be its own control");
  }
}
