/*
 * The fused head + loss (FusedHeadLoss) under gradient accumulation: one TrainStep of three micro-batches,
 * each loss scaled by 1/3 and backpropagated into the same gradients, gives the explicit path's mean loss and
 * every parameter's gradient within 1e-5 relative, and that gradient is the mean of the three micro-batches'
 * own. Negative control: one micro-batch's gradient is told apart from the accumulated one.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusedHeadLossAccumulationTest {
  // three, not two: a second backward onto gradients that already hold a sum is exercised too
  private static final int MICRO_STEPS = 3;
  private static final int BATCH = 2;
  private static final double TOLERANCE = 1e-5;

  private static Map<String, float[]> step(String mode, int microSteps, int first) {
    return FusedHeadLossTest.withLoss(
        mode,
        () -> PathComparison.accumulatedGradients(PathComparison.TINY, BATCH, microSteps, first));
  }

  /** Entrywise mean of the runs, each entry summed in double. */
  private static Map<String, float[]> mean(List<Map<String, float[]>> runs) {
    Map<String, float[]> mean = new LinkedHashMap<>();
    runs.get(0)
        .forEach(
            (name, first) -> {
              float[] out = new float[first.length];
              for (int i = 0; i < out.length; i++) {
                double sum = 0;
                for (Map<String, float[]> run : runs) {
                  sum += run.get(name)[i];
                }
                out[i] = (float) (sum / runs.size());
              }
              mean.put(name, out);
            });
    return mean;
  }

  private static Map<String, float[]> gradients(Map<String, float[]> run) {
    Map<String, float[]> gradients = new LinkedHashMap<>(run);
    gradients.remove("loss");
    return gradients;
  }

  @Test
  void accumulatedLossAndEveryGradientMatchTheExplicitPath() {
    // withLoss checks FusedHeadLoss.enabled() on each side, so this is not explicit against itself
    Map<String, float[]> explicit = step("explicit", MICRO_STEPS, 0);
    Map<String, float[]> fused = step(null, MICRO_STEPS, 0);
    PathComparison.assertClose(explicit, fused, TOLERANCE);
  }

  @Test
  void accumulatedGradientIsTheMeanOfItsMicroBatches() {
    // fused against fused: catches a wrong 1/steps scale or a lost micro-batch, which the explicit
    // path would share and the comparison above would then miss
    Map<String, float[]> accumulated = step(null, MICRO_STEPS, 0);
    List<Map<String, float[]>> singles = new ArrayList<>();
    for (int window = 0; window < MICRO_STEPS; window++) {
      singles.add(step(null, 1, window));
    }
    PathComparison.assertClose(mean(singles), accumulated, TOLERANCE);

    // negative control: the first micro-batch's gradients alone (the loss left out, which differs
    // anyway) are more than the tolerance away, so a step that kept one micro-batch's gradient
    // would fail the check above
    assertThrows(
        AssertionError.class,
        () ->
            PathComparison.assertClose(
                gradients(singles.get(0)), gradients(accumulated), TOLERANCE));
  }
}
