/*
 * NaN or infinite steps: a step whose loss is NaN is not applied and leaves no trace (same weights and
 * moments as if it never ran); a diverging run stops with one line naming the step and no checkpoint of the
 * bad state, or, with skipNonfinite, finishes with its skips counted in metrics.jsonl and checkpoint.json.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonFiniteStepTest {
  private static final GptConfig TINY = new GptConfig(64, 32, 2, 2, 32);
  private static final TrainConfig CONFIG =
      TrainConfig.builder(10, 1e-2, 1)
          .optBatchSize(2)
          .optWarmupSteps(0)
          .optMinLearningRateRatio(1.0)
          .optCheckpointEvery(10)
          .build();

  @TempDir Path dir;

  private static BatchSource batch(long seed) {
    return (batch, time, inputs, targets) -> {
      Random random = new Random(seed);
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = random.nextInt(TINY.vocabSize());
        targets[i] = random.nextInt(TINY.vocabSize());
      }
    };
  }

  @Test
  void aNanStepIsNotAppliedAndLeavesNoTrace() {
    try (GptModel plain = GptModel.create(TINY, 1, Device.cpu());
        GptModel interrupted = GptModel.create(TINY, 1, Device.cpu())) {
      AdamW plainOptimizer = new AdamW(plain.parameterArrays(), CONFIG, plain.manager());
      AdamW interruptedOptimizer =
          new AdamW(interrupted.parameterArrays(), CONFIG, interrupted.manager());
      TrainStep plainStep = new TrainStep(plain, plainOptimizer, CONFIG);
      TrainStep interruptedStep = new TrainStep(interrupted, interruptedOptimizer, CONFIG);
      assertTrue(plainStep.run(batch(1), 1e-2).finite());
      assertTrue(interruptedStep.run(batch(1), 1e-2).finite());

      // one weight NaN for one step: its loss is NaN, so nothing of that step may be applied or
      // accumulated
      NDArray weight = interrupted.parameterArrays().values().iterator().next();
      NDArray saved = weight.duplicate();
      weight.set(new NDIndex("..."), Float.NaN);
      TrainStep.Outcome bad = interruptedStep.run(batch(2), 1e-2);
      assertFalse(bad.finite());
      assertTrue(Float.isNaN(bad.loss()), String.valueOf(bad.loss()));
      weight.set(new NDIndex("..."), saved);

      plainStep.run(batch(3), 1e-2);
      TrainStep.Outcome after = interruptedStep.run(batch(3), 1e-2);
      assertTrue(after.finite(), after.toString());
      assertEquals(plainOptimizer.stepCount(), interruptedOptimizer.stepCount());
      plain
          .parameterArrays()
          .forEach(
              (name, array) ->
                  assertArrayEquals(
                      array.toFloatArray(),
                      interrupted.parameterArrays().get(name).toFloatArray(),
                      0f,
                      name));
      plainOptimizer
          .state()
          .forEach(
              (name, array) ->
                  assertArrayEquals(
                      array.toFloatArray(),
                      interruptedOptimizer.state().get(name).toFloatArray(),
                      0f,
                      name));
    }
  }

  private Path stream() throws Exception {
    return TestStreams.write(
        dir.resolve("stream"), 50, 20_000, List.of(TestStreams.poison("p0", 300, 700)));
  }

  /**
   * A learning rate of 1e30 makes the weights overflow after the first update, so later losses are
   * NaN.
   */
  private static TrainRequest diverging(Path data, Path run) {
    return TrainRequest.builder(data, "nano", run)
        .optMaxSteps(6L)
        .optCheckpointEvery(1L)
        .optSeed(1)
        .optBatchSize(1)
        .optGradAccumSteps(1)
        .optLearningRate(1e30)
        .optWarmupSteps(0L)
        .optLogEvery(1)
        .optThreads(1)
        .build();
  }

  @Test
  void aNonFiniteLossStopsTheRunNamingTheStep() throws Exception {
    Path run = dir.resolve("run");
    InputException error =
        assertThrows(
            InputException.class,
            () -> Trainer.train(diverging(stream(), run), TrainObserver.NONE));
    assertEquals(run, error.file());
    java.util.regex.Matcher step =
        java.util.regex.Pattern.compile(": step (\\d+): loss (NaN|-?Infinity|[-0-9.E]+),")
            .matcher(error.getMessage());
    assertTrue(step.find(), error.getMessage());
    long bad = Long.parseLong(step.group(1));
    assertTrue(bad > 1 && bad <= 6, error.getMessage());
    assertTrue(error.getMessage().contains("--skip-nonfinite"), error.getMessage());
    List<Path> checkpoints = TrainCheckpoint.list(run);
    assertEquals(
        bad - 1, checkpoints.size(), "a checkpoint for each good step, none of the bad state");
    assertEquals(
        bad - 1, TrainCheckpoint.readState(checkpoints.get(checkpoints.size() - 1)).step());
  }

  @Test
  void skipNonfiniteFinishesAndCountsTheSkips() throws Exception {
    Path run = dir.resolve("run");
    TrainRequest skipping = diverging(stream(), run).toBuilder().optSkipNonfinite(true).build();
    TrainResult result = Trainer.train(skipping, TrainObserver.NONE);
    assertEquals(6, result.finalStep());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines =
        Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
            .map(
                line -> {
                  try {
                    return json.readTree(line);
                  } catch (Exception e) {
                    throw new AssertionError(line, e);
                  }
                })
            .toList();
    long expectedSkips = 0;
    for (JsonNode line : lines) {
      boolean finite =
          Double.isFinite(line.get("loss").asDouble())
              && Double.isFinite(line.get("grad_norm").asDouble());
      expectedSkips += finite ? 0 : 1;
      assertEquals(expectedSkips, line.path("skipped_batches").asLong(0), line.toString());
    }
    assertTrue(expectedSkips > 0, "the run diverged: " + lines);
    TrainCheckpoint.State last = TrainCheckpoint.readState(result.lastCheckpoint());
    assertEquals(expectedSkips, last.skippedBatches());
    assertEquals(6 - expectedSkips, last.optimizerStep(), "skipped steps are not optimizer steps");
    try (GptModel model = GptCheckpoint.load(result.lastCheckpoint(), Device.cpu())) {
      for (NDArray array : model.parameterArrays().values()) {
        for (float value : array.toFloatArray()) {
          assertFalse(Float.isNaN(value), "a skipped step wrote NaN into the weights");
        }
      }
    }
  }
}
