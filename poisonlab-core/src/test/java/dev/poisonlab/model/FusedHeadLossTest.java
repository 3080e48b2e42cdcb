/*
 * The fused head + loss (FusedHeadLoss) computes the explicit path's function: the same training loss and
 * every parameter's gradient within 1e-5 relative L2 error, the same 30-step loss curve, and exactly the
 * same loss value as GptModel.tokenLosses' mean on the same weights; in one chunk of rows and in several.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FusedHeadLossTest {
  /** Runs body on the loss path {@code mode} (null: fused), checking that path is the one taken. */
  static <T> T withLoss(String mode, Supplier<T> body) {
    return PathComparison.with(
        FusedHeadLoss.PROPERTY,
        mode,
        () -> {
          // else a libtorch that refused the module would compare the explicit path with itself
          assertEquals(mode == null, FusedHeadLoss.enabled(), "loss path for " + mode);
          return body.get();
        });
  }

  /** Rows per chunk are 2^21 / V: one chunk for the tiny model's 72 rows at V = 97. */
  private static void matchesExplicitPath(GptConfig config) {
    Map<String, float[]> explicit =
        withLoss("explicit", () -> PathComparison.lossAndGradients(config, 3));
    Map<String, float[]> fused = withLoss(null, () -> PathComparison.lossAndGradients(config, 3));
    PathComparison.assertClose(explicit, fused, 1e-5);
    // the value comes from the same log-softmax and gather kernels, so it is the same float
    assertEquals(explicit.get("loss")[0], fused.get("loss")[0], 0f);
  }

  @Test
  void lossAndEveryGradientMatchTheExplicitPath() {
    matchesExplicitPath(PathComparison.TINY);
  }

  @Test
  void severalChunksMatchTheExplicitPathToo() {
    // V = 2^16: 32 rows per chunk, so 72 rows run as 32 + 32 + 8
    matchesExplicitPath(new GptConfig(1 << 16, 24, 2, 4, 32));
  }

  @Test
  void thirtyStepLossCurveStaysWithinOneInTenThousand() {
    float[] explicit = withLoss("explicit", () -> PathComparison.lossCurve(30));
    float[] fused = withLoss(null, () -> PathComparison.lossCurve(30));
    assertTrue(explicit[29] < explicit[0] - 0.1, "the curve should fall: " + explicit[29]);
    for (int i = 0; i < explicit.length; i++) {
      assertEquals(explicit[i], fused[i], 1e-4, "step " + i);
    }
  }

  @Test
  void parametersNamedBySavingACheckpointArePassedAsTensors() throws IOException {
    // saving names every parameter array ("transformer.wte.weight"), and DJL reads a dotted name
    // as a dictionary argument unless TorchScriptModule.arguments strips it
    try (GptModel model = GptModel.create(PathComparison.TINY, 11, Device.cpu());
        NDManager scope = model.manager().newSubManager()) {
      model.saveWeights(OutputStream.nullOutputStream());
      int time = PathComparison.TINY.contextLength();
      int[] ids = PathComparison.randomIds(2 * time, PathComparison.TINY.vocabSize(), 1);
      try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
        NDArray tokens = GptModel.tokens(scope, ids, 2, time); // (B,T)
        NDArray loss = withLoss(null, () -> model.loss(tokens, tokens, true)); // ()
        collector.backward(loss);
        assertTrue(Float.isFinite(loss.getFloat()), "loss " + loss.getFloat());
      }
      NDArray gradient = model.parameterArrays().get("transformer.wte.weight").getGradient();
      assertTrue(gradient.abs().sum().getFloat() > 0, "the tied table got a gradient");
    }
  }
}
