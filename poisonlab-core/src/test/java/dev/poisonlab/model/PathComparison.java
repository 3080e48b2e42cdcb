/*
 * Shared by the tests of the model's fast paths (FusedAttentionTest, FusedHeadLoss*Test): run a tiny model's
 * loss, gradients (of one batch, or of one training step's accumulated micro-batches) or short training curve
 * with a system-property switch set, and compare two such runs by relative L2 error. Test support only; the
 * switches themselves live with the code they select.
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

final class PathComparison {
  static final GptConfig TINY = new GptConfig(97, 24, 2, 4, 32);

  private PathComparison() {}

  /**
   * Runs {@code body} with {@code property} set to {@code value} (null: cleared), then restores it.
   */
  static <T> T with(String property, String value, Supplier<T> body) {
    String previous = System.getProperty(property);
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
    try {
      return body.get();
    } finally {
      if (previous == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, previous);
      }
    }
  }

  static int[] randomIds(int count, int vocab, long seed) {
    Random random = new Random(seed);
    int[] ids = new int[count];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(vocab);
    }
    return ids;
  }

  /** The training loss under "loss" and every parameter's gradient under its name, fresh model. */
  static Map<String, float[]> lossAndGradients(GptConfig config, int batch) {
    int time = config.contextLength();
    int[] inputs = randomIds(batch * time, config.vocabSize(), 1);
    int[] targets = randomIds(batch * time, config.vocabSize(), 2);
    Map<String, float[]> out = new LinkedHashMap<>();
    try (GptModel model = GptModel.create(config, 11, Device.cpu());
        NDManager scope = model.manager().newSubManager()) {
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

  /**
   * Like lossAndGradients, through one TrainStep of {@code microSteps} micro-batches of {@code
   * batch} windows, left unapplied (TrainStep.accumulate): the step's mean loss and accumulated
   * gradients. Micro-batch i holds random window {@code first + i}, so runs can share windows.
   */
  static Map<String, float[]> accumulatedGradients(
      GptConfig config, int batch, int microSteps, int first) {
    TrainConfig train =
        TrainConfig.builder(1, 1e-3, 1)
            .optBatchSize(batch)
            .optGradAccumSteps(microSteps)
            .optCheckpointEvery(1)
            .build();
    int[] window = {first};
    BatchSource batches =
        (rows, time, inputs, targets) -> {
          long seed = 100 + 2L * window[0]++;
          System.arraycopy(
              randomIds(inputs.length, config.vocabSize(), seed), 0, inputs, 0, inputs.length);
          System.arraycopy(
              randomIds(targets.length, config.vocabSize(), seed + 1),
              0,
              targets,
              0,
              targets.length);
        };
    Map<String, float[]> out = new LinkedHashMap<>();
    try (GptModel model = GptModel.create(config, 11, Device.cpu())) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), train, model.manager()), train);
      out.put("loss", new float[] {step.accumulate(batches)});
      model
          .parameterArrays()
          .forEach((name, array) -> out.put(name, array.getGradient().toFloatArray()));
    }
    return out;
  }

  /**
   * Every entry of {@code actual} within {@code tolerance} relative L2 error of {@code expected};
   * returns the largest error seen, with its entry's name.
   */
  static String assertClose(
      Map<String, float[]> expected, Map<String, float[]> actual, double tolerance) {
    assertEquals(expected.keySet(), actual.keySet());
    double[] worst = {-1};
    String[] worstName = {""};
    expected.forEach(
        (name, want) -> {
          float[] got = actual.get(name);
          double difference = 0;
          double norm = 0;
          for (int i = 0; i < want.length; i++) {
            difference += Math.pow(got[i] - want[i], 2);
            norm += Math.pow(want[i], 2);
          }
          // relative L2 error: elementwise ratios of near-zero gradients say nothing
          double relative = Math.sqrt(difference) / Math.max(Math.sqrt(norm), 1e-30);
          assertTrue(relative <= tolerance, name + ": relative error " + relative);
          if (relative > worst[0]) {
            worst[0] = relative;
            worstName[0] = name;
          }
        });
    return worstName[0] + " " + worst[0];
  }

  /** Losses of {@code steps} AdamW steps on a learnable random stream (batch 4), fresh model. */
  static float[] lossCurve(int steps) {
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
}
