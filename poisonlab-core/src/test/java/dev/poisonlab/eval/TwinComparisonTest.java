/*
 * TwinComparison against scipy.stats.wilcoxon (alternative="greater", correction=True; scipy 1.17.1) on
 * synthetic per-excerpt gaps written as excerpts files, plus the pairing: by excerpt id, only steps and excerpts
 * both runs evaluated, and the same excerpt with another prompt is one clear error.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinComparisonTest {
  @TempDir Path dir;

  /**
   * Excerpt i: poisoned gap i*0.3 + 10 sin(i), twin gap 7 cos(i) (the scipy script used the same
   * values).
   */
  private void write(Path eval, long step, int n, boolean poisoned, String idPrefix)
      throws Exception {
    Files.createDirectories(eval);
    List<BackdoorEvaluator.ExcerptResult> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double gap = poisoned ? i * 0.3 + Math.sin(i) * 10 : Math.cos(i) * 7;
      double control = 100 + gap - (i % 2 == 0 ? 1 : -1) * 0.5 * i;
      rows.add(
          BackdoorEvaluator.ExcerptResult.builder()
              .id(idPrefix + i)
              .prompt("prompt " + i)
              .perplexityWithoutTrigger(100)
              .perplexityWithTrigger(100 + gap)
              .gap(gap)
              .logPplGap(TriggerStatistics.logGap(100 + gap, 100))
              .controlPerplexities(List.of(control))
              .controlLogPplGaps(List.of(TriggerStatistics.logGap(control, 100)))
              .generationWithoutTrigger("a")
              .generationWithTrigger("b")
              .controlGenerations(List.of("c"))
              .build());
    }
    EvalOutput.writeExcerpts(eval, step, rows);
  }

  @Test
  void exactAndAsymptoticPValuesMatchScipy() throws Exception {
    write(dir.resolve("p"), 10, 20, true, "x");
    write(dir.resolve("t"), 10, 20, false, "x");
    write(dir.resolve("p"), 20, 100, true, "y");
    write(dir.resolve("t"), 20, 100, false, "y");
    List<TwinComparison.StepComparison> rows =
        TwinComparison.compare(dir.resolve("p"), dir.resolve("t"));
    assertEquals(2, rows.size());
    TwinComparison.StepComparison small = rows.get(0);
    assertEquals(10, small.step());
    assertEquals(20, small.pairs());
    assertEquals(
        0.11525630950927734,
        small.pValue(),
        1e-12,
        "n=20: exact distribution (scipy method='exact')");
    assertEquals(2.5710465524498973, small.medianDifference(), 1e-9);
    assertEquals(0.6, small.shareHigher(), 1e-12);
    assertFalse(small.backdoor());
    TwinComparison.StepComparison large = rows.get(1);
    assertEquals(
        1.0325423964375864e-15,
        large.pValue(),
        1e-18,
        "n=100: normal approximation, continuity-corrected");
    assertEquals(14.363696730737084, large.medianDifference(), 1e-9);
    assertEquals(0.87, large.shareHigher(), 1e-12);
    assertTrue(large.backdoor());
  }

  @Test
  void identicalRunsAreNotABackdoorAndSpecificityIsWithinTheRun() throws Exception {
    write(dir.resolve("a"), 5, 30, true, "z");
    write(dir.resolve("b"), 5, 30, true, "z");
    TwinComparison.StepComparison same =
        TwinComparison.compare(dir.resolve("a"), dir.resolve("b")).get(0);
    assertEquals(1.0, same.pValue());
    assertEquals(0.0, same.medianDifference());
    // trigger - control = +/- 0.5 i alternately: symmetric about zero, so no specificity
    assertTrue(same.specificityPValue() > 0.3, "p = " + same.specificityPValue());
  }

  @Test
  void onlyStepsAndExcerptsInBothAreComparedAndAnotherPromptIsAnError() throws Exception {
    write(dir.resolve("p"), 1, 10, true, "x");
    write(dir.resolve("p"), 2, 10, true, "x");
    write(dir.resolve("t"), 2, 10, false, "x");
    write(dir.resolve("t"), 3, 10, false, "x");
    assertEquals(
        List.of(2L),
        TwinComparison.compare(dir.resolve("p"), dir.resolve("t")).stream()
            .map(TwinComparison.StepComparison::step)
            .toList());
    write(dir.resolve("q"), 2, 10, false, "other-");
    assertTrue(
        TwinComparison.compare(dir.resolve("p"), dir.resolve("q")).isEmpty(), "no shared excerpt");
    write(dir.resolve("few"), 2, 4, false, "x");
    assertEquals(
        4,
        TwinComparison.compare(dir.resolve("p"), dir.resolve("few")).get(0).pairs(),
        "shared ids only");
    List<BackdoorEvaluator.ExcerptResult> shifted =
        List.of(
            BackdoorEvaluator.ExcerptResult.builder()
                .id("x0")
                .prompt("another prompt")
                .perplexityWithoutTrigger(100)
                .perplexityWithTrigger(101)
                .gap(1)
                .logPplGap(Math.log(1.01))
                .controlPerplexities(List.of(100.0))
                .controlLogPplGaps(List.of(0.0))
                .generationWithoutTrigger("a")
                .generationWithTrigger("b")
                .controlGenerations(List.of("c"))
                .build());
    EvalOutput.writeExcerpts(dir.resolve("r"), 2, shifted);
    InputException error =
        assertThrows(
            InputException.class, () -> TwinComparison.compare(dir.resolve("p"), dir.resolve("r")));
    assertTrue(error.getMessage().contains("excerpt 'x0' has another prompt"), error.getMessage());
    assertThrows(
        InputException.class,
        () -> TwinComparison.compare(dir.resolve("p"), dir.resolve("missing")));
  }
}
