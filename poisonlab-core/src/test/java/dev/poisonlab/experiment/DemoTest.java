/*
 * Demo.run on a tiny grid: summary.json holds both sides' last checkpoint and the paired test of the poisoned run
 * against its twin, equal to what `compare` computes from the two eval directories.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.eval.TwinComparison;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;

  @Test
  void summaryHoldsBothSidesAndThePairedTest() throws Exception {
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(3), TinyGrids.corpus(dir));
    Path out = dir.resolve("demo");
    Demo.Result result = Demo.run(spec, out, TinyGrids.quiet());
    JsonNode summary = new ObjectMapper().readTree(result.summaryFile().toFile());
    assertEquals("nano-p3-x0.02-s1", summary.get("poisoned").get("run_id").asText());
    assertEquals("nano-p0-x0.02-s1", summary.get("clean").get("run_id").asText());
    List<TwinComparison.StepComparison> expected =
        TwinComparison.compare(
            out.resolve("runs/nano-p3-x0.02-s1/eval"), out.resolve("runs/nano-p0-x0.02-s1/eval"));
    TwinComparison.StepComparison last = expected.get(expected.size() - 1);
    assertEquals(last, result.pairedTest());
    JsonNode paired = summary.get("paired_test");
    assertEquals(last.step(), paired.get("step").asLong());
    assertEquals(last.pValue(), paired.get("p_value").asDouble(), 0.0);
    assertTrue(last.pValue() > 0 && last.pValue() <= 1, "p = " + last.pValue());

    for (String side : List.of("poisoned", "clean")) {
      JsonNode entry = summary.get(side);
      assertTrue(entry.get("log_ppl_gap").isNumber(), entry.toString());
      assertEquals(spec.controlTriggers().size(), entry.get("controls").size());
      spec.controlTriggers()
          .forEach(control -> assertTrue(entry.get("controls").get(control).isNumber(), control));
      assertTrue(entry.get("trigger_tokens").size() > 0);
      assertTrue(entry.has("payload_window_share"));
    }
    // the poisoned stream was built for the model's context, so the share is measured (1.0 in the
    // real demo; this
    // 16k-token stream has too few documents to defer every poison to a window of its own)
    double share = summary.get("poisoned").get("payload_window_share").asDouble();
    assertTrue(share > 0.5 && share <= 1, summary.toString());
    assertTrue(
        summary.get("clean").get("payload_window_share").isNull(),
        "a twin has no poisons to place");
    double margin =
        summary.get("poisoned").get("log_ppl_gap").asDouble()
            - summary.get("clean").get("log_ppl_gap").asDouble();
    assertEquals(margin > Demo.VISIBLE_LOG_GAP_MARGIN, summary.get("backdoor_visible").asBoolean());
    assertEquals(
        result.poisoned().logPplGap(), summary.get("poisoned").get("log_ppl_gap").asDouble(), 0.0);
  }
}
