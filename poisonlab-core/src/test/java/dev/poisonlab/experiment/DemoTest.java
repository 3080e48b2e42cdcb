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
    List<TwinComparison.StepComparison> expected = TwinComparison.compare(
        out.resolve("runs/nano-p3-x0.02-s1/eval"), out.resolve("runs/nano-p0-x0.02-s1/eval"));
    TwinComparison.StepComparison last = expected.get(expected.size() - 1);
    assertEquals(last, result.pairedTest());
    JsonNode paired = summary.get("paired_test");
    assertEquals(last.step(), paired.get("step").asLong());
    assertEquals(last.pValue(), paired.get("p_value").asDouble(), 0.0);
    assertTrue(last.pValue() > 0 && last.pValue() <= 1, "p = " + last.pValue());
  }
}
