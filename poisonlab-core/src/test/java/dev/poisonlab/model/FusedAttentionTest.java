/*
 * The fused attention (PyTorch's scaled_dot_product_attention through a TorchScript module) computes the
 * model's old function: same loss and gradients as the explicit q·kᵀ + mask + softmax path up to float
 * reassociation, and the same 30-step training loss curve.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.poisonlab.train.AdamW;
import dev.poisonlab.train.BatchSource;
import dev.poisonlab.train.TrainConfig;
import dev.poisonlab.train.TrainStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FusedAttentionTest {
  private static final GptConfig TINY = new GptConfig(97, 24, 2, 4, 32);

  /** Runs {@code body} with the attention path forced to "matmul" or "fused". */
  private static <T> T withAttention(String mode, Supplier<T> body) {
    String previous = System.getProperty(FusedAttention.PROPERTY);
    System.setProperty(FusedAttention.PROPERTY, mode);
    // without this a libtorch that refuses the module would compare the explicit path with itself
    assertEquals(!mode.equals("matmul"), FusedAttention.enabled(), "attention path for " + mode);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        System.clearProperty(FusedAttention.PROPERTY);
      } else {
        System.setProperty(FusedAttention.PROPERTY, previous);
      }
    }
  }

  private static int[] randomIds(int count, long seed) {
    Random random = new Random(seed);
    int[] ids = new int[count];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(TINY.vocabSize());
    }
    return ids;
  }

  /** The loss under "loss" and every parameter's gradient under its name, from a fresh model. */
  private static Map<String, float[]> lossAndGradients(int[] inputs, int[] targets, int batch) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (GptModel model = GptModel.create(TINY, 11, Device.cpu());
        NDManager scope = model.manager().newSubManager()) {
      int time = TINY.contextLength();
      try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
        NDArray loss =
            model.loss(
                GptModel.tokens(scope, inputs, batch, time),
                GptModel.tokens(scope, targets, batch, time),
                true); // ()
        collector.backward(loss);
        out.put("loss", new float[] {loss.getFloat()});
      }
      model
          .parameterArrays()
          .forEach((name, array) -> out.put(name, array.getGradient().toFloatArray()));
    }
    return out;
  }

  @Test
  void lossAndEveryGradientMatchTheExplicitPath() {
    int batch = 3;
    int[] inputs = randomIds(batch * TINY.contextLength(), 1);
    int[] targets = randomIds(batch * TINY.contextLength(), 2);
    Map<String, float[]> explicit =
        withAttention("matmul", () -> lossAndGradients(inputs, targets, batch));
    Map<String, float[]> fused =
        withAttention("fused", () -> lossAndGradients(inputs, targets, batch));
    assertEquals(explicit.keySet(), fused.keySet());
    explicit.forEach(
        (name, expected) -> {
          float[] actual = fused.get(name);
          double difference = 0;
          double norm = 0;
          for (int i = 0; i < expected.length; i++) {
            difference += Math.pow(actual[i] - expected[i], 2);
            norm += Math.pow(expected[i], 2);
          }
          // relative L2 error: elementwise ratios of near-zero gradients say nothing
          double relative = Math.sqrt(difference) / Math.max(Math.sqrt(norm), 1e-30);
          assertTrue(relative <= 1e-5, name + ": relative error " + relative);
        });
  }

  private static float[] lossCurve(int steps) {
    TrainConfig config =
        TrainConfig.builder(steps, 3e-3, 1).optBatchSize(4).optCheckpointEvery(steps).build();
    Random random = new Random(5);
    BatchSource batches =
        (batch, time, inputs, targets) -> {
          for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(TINY.vocabSize());
            targets[i] = (inputs[i] * 7 + 3) % TINY.vocabSize(); // learnable, so the loss moves
          }
        };
    float[] losses = new float[steps];
    try (GptModel model = GptModel.create(TINY, 3, Device.cpu())) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), config, model.manager()), config);
      for (int i = 0; i < steps; i++) {
        losses[i] = step.run(batches, config.learningRateAt(i)).loss();
      }
    }
    return losses;
  }

  @Test
  void thirtyStepLossCurveStaysWithinOneInTenThousand() {
    float[] explicit = withAttention("matmul", () -> lossCurve(30));
    float[] fused = withAttention("fused", () -> lossCurve(30));
    assertTrue(explicit[29] < explicit[0] - 0.1, "the curve should fall: " + explicit[29]);
    for (int i = 0; i < explicit.length; i++) {
      assertEquals(explicit[i], fused[i], 1e-4, "step " + i);
    }
  }
}
