/*
 * AdamW against a scalar re-implementation of torch.optim.AdamW + clip_grad_norm_, and the LR schedule.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
  private static final float[] W0 = {0.5f, -0.25f, 1.0f, 0.0f, 2.0f, -1.5f};
  private static final float[] GRAD_W = {0.3f, -0.2f, 0.1f, 0.4f, -0.5f, 0.6f};
  private static final float[] B0 = {0.1f, 0.2f, 0.3f};
  private static final float[] GRAD_B = {1.0f, -1.0f, 0.5f};

  @Test
  void matchesPyTorchAdamWWithClippingAndMatrixOnlyDecay() {
    TrainConfig config =
        TrainConfig.builder(10, 1e-2, 0)
            .optBatchSize(1)
            .optWarmupSteps(0)
            .optGradClip(0.5)
            .optCheckpointEvery(1)
            .build();
    double[] lrs = {1e-2, 5e-3, 2e-2};
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray w = manager.create(W0, new Shape(2, 3));
      NDArray b = manager.create(B0);
      w.setRequiresGradient(true);
      b.setRequiresGradient(true);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      parameters.put("w", w);
      parameters.put("b", b);
      AdamW optimizer = new AdamW(parameters, config, manager);
      Reference reference = new Reference(config);
      for (double lr : lrs) {
        try (NDManager scope = manager.newSubManager()) {
          try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray loss =
                w.mul(scope.create(GRAD_W, new Shape(2, 3)))
                    .sum()
                    .add(b.mul(scope.create(GRAD_B)).sum());
            collector.backward(loss);
          }
          float norm = optimizer.step(scope, lr);
          double expectedNorm = reference.step(lr);
          assertEquals(expectedNorm, norm, 1e-5);
        }
        float[] actualW = w.toFloatArray();
        float[] actualB = b.toFloatArray();
        for (int i = 0; i < actualW.length; i++) {
          assertEquals(reference.w[i], actualW[i], 1e-6, "w[" + i + "] at lr " + lr);
        }
        for (int i = 0; i < actualB.length; i++) {
          assertEquals(reference.b[i], actualB[i], 1e-6, "b[" + i + "] at lr " + lr);
        }
        assertEquals(
            0f, w.getGradient().abs().sum().getFloat(), "gradients are zeroed after the step");
      }
      assertEquals(3, optimizer.stepCount());
    }
  }

  /** torch.optim.AdamW (default, non-amsgrad) after torch.nn.utils.clip_grad_norm_, in doubles. */
  private static final class Reference {
    final TrainConfig config;
    final double[] w = toDouble(W0);
    final double[] b = toDouble(B0);
    final double[] mw = new double[6];
    final double[] vw = new double[6];
    final double[] mb = new double[3];
    final double[] vb = new double[3];
    int t;

    Reference(TrainConfig config) {
      this.config = config;
    }

    double step(double lr) {
      double squares = 0;
      for (float g : GRAD_W) {
        squares += g * g;
      }
      for (float g : GRAD_B) {
        squares += g * g;
      }
      double norm = Math.sqrt(squares);
      double coefficient = Math.min(1.0, config.gradClip() / (norm + 1e-6));
      t++;
      update(w, mw, vw, GRAD_W, coefficient, lr, config.weightDecay());
      update(b, mb, vb, GRAD_B, coefficient, lr, 0);
      return norm;
    }

    private void update(
        double[] p, double[] m, double[] v, float[] grad, double scale, double lr, double decay) {
      double c1 = 1 - Math.pow(config.beta1(), t);
      double c2 = 1 - Math.pow(config.beta2(), t);
      for (int i = 0; i < p.length; i++) {
        double g = grad[i] * scale;
        p[i] *= 1 - lr * decay;
        m[i] = config.beta1() * m[i] + (1 - config.beta1()) * g;
        v[i] = config.beta2() * v[i] + (1 - config.beta2()) * g * g;
        p[i] -= lr / c1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(c2) + config.epsilon());
      }
    }

    private static double[] toDouble(float[] values) {
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i];
      }
      return out;
    }
  }

  @Test
  void scheduleWarmsUpLinearlyThenDecaysByCosineToTenPercent() {
    TrainConfig config = TrainConfig.defaults(105, 1e-3, 0);
    assertEquals(5, config.warmupSteps());
    assertEquals(6, config.checkpointEvery()); // ceil(105 / 20): every 5%
    assertEquals(1e-3 / 6, config.learningRateAt(0), 1e-12);
    assertEquals(1e-3 * 5 / 6, config.learningRateAt(4), 1e-12);
    assertEquals(1e-3, config.learningRateAt(5), 1e-12);
    assertEquals(1e-4 + 0.5 * 9e-4, config.learningRateAt(55), 1e-12); // half-way through the decay
    assertEquals(1e-4, config.learningRateAt(105), 1e-12);
  }
}
