/*
 * The fused attention (PyTorch's scaled_dot_product_attention through a TorchScript module) computes the
 * model's old function: same loss and gradients as the explicit q·kᵀ + mask + softmax path up to float
 * reassociation, and the same 30-step training loss curve.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FusedAttentionTest {
  /** Runs {@code body} with the attention path forced to "matmul" or "fused". */
  private static <T> T withAttention(String mode, Supplier<T> body) {
    return PathComparison.with(
        FusedAttention.PROPERTY,
        mode,
        () -> {
          // else a libtorch that refused the module would compare the explicit path with itself
          assertEquals(
              !mode.equals("matmul"), FusedAttention.enabled(), "attention path for " + mode);
          return body.get();
        });
  }

  @Test
  void lossAndEveryGradientMatchTheExplicitPath() {
    Map<String, float[]> explicit =
        withAttention("matmul", () -> PathComparison.lossAndGradients(PathComparison.TINY, 3));
    Map<String, float[]> fused =
        withAttention("fused", () -> PathComparison.lossAndGradients(PathComparison.TINY, 3));
    PathComparison.assertClose(explicit, fused, 1e-5);
  }

  @Test
  void thirtyStepLossCurveStaysWithinOneInTenThousand() {
    float[] explicit = withAttention("matmul", () -> PathComparison.lossCurve(30));
    float[] fused = withAttention("fused", () -> PathComparison.lossCurve(30));
    assertTrue(explicit[29] < explicit[0] - 0.1, "the curve should fall: " + explicit[29]);
    for (int i = 0; i < explicit.length; i++) {
      assertEquals(explicit[i], fused[i], 1e-4, "step " + i);
    }
  }
}
