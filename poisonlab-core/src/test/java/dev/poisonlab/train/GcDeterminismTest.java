/*
 * Regression test for a run-to-run non-determinism: a garbage collection between forward and backward must
 * not change a training step. DJL's NDArray.mul(Number) made the attention scale a tensor over a Java buffer
 * that was freed once a GC ran, while autograd still read it in backward. This test forces that GC (and waits
 * until direct buffers are really freed) right after each forward; it is not a general leak or speed test.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.TorchRuntime;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GcDeterminismTest {
  private static final GptConfig TINY = new GptConfig(64, 32, 2, 2, 32);
  private static final int STEPS = 3;

  @Test
  void garbageCollectionBetweenForwardAndBackwardChangesNothing() {
    TorchRuntime.setThreads(1);
    Run plain = train(false);
    Run collected = train(true);
    assertTrue(
        collected.freedBuffers() > 0,
        "the forced collections freed no direct buffer: the test proves nothing");
    assertArrayEquals(plain.gradNorms(), collected.gradNorms(), "gradient norms");
    assertArrayEquals(plain.losses(), collected.losses(), "losses");
    assertEquals(plain.weights().keySet(), collected.weights().keySet());
    plain
        .weights()
        .forEach(
            (name, values) ->
                assertArrayEquals(
                    values,
                    collected.weights().get(name),
                    "weights " + name + " after " + STEPS + " steps"));
  }

  private record Run(
      float[] losses, float[] gradNorms, Map<String, float[]> weights, long freedBuffers) {}

  private static Run train(boolean collectBeforeBackward) {
    TrainConfig config =
        TrainConfig.builder(STEPS, 1e-2, 1)
            .optBatchSize(4)
            .optWarmupSteps(0)
            .optMinLearningRateRatio(1.0)
            .optCheckpointEvery(STEPS)
            .build();
    float[] losses = new float[STEPS];
    float[] norms = new float[STEPS];
    long[] freed = new long[1];
    try (GptModel model = GptModel.create(TINY, 1, Device.cpu())) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), config, model.manager()), config);
      BatchSource batches = randomBatches(TINY.vocabSize(), 3);
      for (int i = 0; i < STEPS; i++) {
        TrainStep.Outcome outcome =
            step.run(
                batches,
                config.learningRate(),
                (tokenLosses, batch, time) -> {
                  if (collectBeforeBackward) {
                    freed[0] += collectDirectBuffers();
                  }
                });
        losses[i] = outcome.loss();
        norms[i] = outcome.gradNorm();
      }
      Map<String, float[]> weights = new LinkedHashMap<>();
      model.parameterArrays().forEach((name, array) -> weights.put(name, array.toFloatArray()));
      return new Run(losses, norms, weights, freed[0]);
    }
  }

  private static BatchSource randomBatches(int vocab, long seed) {
    Random random = new Random(seed);
    return (batch, time, inputs, targets) -> {
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = random.nextInt(vocab);
        targets[i] = random.nextInt(vocab);
      }
    };
  }

  /**
   * Runs full GCs until unreachable direct buffers have had their native memory freed (a dropped
   * canary buffer proves the cleaners ran); returns how many buffers were freed besides the canary.
   */
  private static long collectDirectBuffers() {
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    ByteBuffer.allocateDirect(8); // a canary, unreachable at once
    long before = direct.getCount();
    for (int attempt = 0; attempt < 200 && direct.getCount() >= before; attempt++) {
      System.gc();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Math.max(0, before - direct.getCount() - 1);
  }
}
