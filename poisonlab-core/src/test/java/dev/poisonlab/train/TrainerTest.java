/*
 * The training loop's guarantees: a tiny model overfits one batch, checkpoints round-trip exactly,
 * kill-and-resume ends bit-identical to an uninterrupted run, memory stays flat, and a run directory
 * refuses to be continued with other settings or from bad data.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final GptConfig TINY = new GptConfig(64, 32, 2, 2, 32);

  @TempDir Path dir;

  private static TrainConfig tinyConfig(int batch, long steps, double lr) {
    return TrainConfig.builder(steps, lr, 1)
        .optBatchSize(batch)
        .optWarmupSteps(0)
        .optMinLearningRateRatio(1.0)
        .optWeightDecay(0.0)
        .optCheckpointEvery(steps)
        .build();
  }

  private static BatchSource fixedRandomBatch(int vocab, long seed) {
    return (batch, time, inputs, targets) -> {
      Random random = new Random(seed);
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = random.nextInt(vocab);
        targets[i] = random.nextInt(vocab);
      }
    };
  }

  @Test
  void tinyModelOverfitsOneBatch() {
    TrainConfig config = tinyConfig(4, 150, 1e-2);
    try (GptModel model = GptModel.create(TINY, 1, Device.cpu())) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), config, model.manager()), config);
      BatchSource batch = fixedRandomBatch(TINY.vocabSize(), 3);
      float first = step.run(batch, config.learningRate()).loss();
      float last = first;
      for (int i = 1; i < config.maxSteps(); i++) {
        last = step.run(batch, config.learningRate()).loss();
      }
      assertEquals(Math.log(64), first, 0.1);
      assertTrue(last < 0.1, "random targets memorised: loss " + first + " -> " + last);
    }
  }

  @Test
  void memoryDoesNotGrowOverSteps() {
    TrainConfig config =
        TrainConfig.builder(40, 1e-3, 1)
            .optBatchSize(2)
            .optGradAccumSteps(2)
            .optWarmupSteps(0)
            .optCheckpointEvery(40)
            .build();
    try (GptModel model = GptModel.create(TINY, 1, Device.cpu())) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), config, model.manager()), config);
      BatchSource batches = fixedRandomBatch(TINY.vocabSize(), 5);
      NDManager system = model.manager().getParentManager();
      step.run(batches, 1e-3); // first step: gradients come into being
      int modelArrays = model.manager().getManagedArrays().size();
      int systemArrays = system.getManagedArrays().size();
      for (int i = 0; i < 30; i++) {
        step.run(batches, 1e-3);
      }
      assertEquals(
          modelArrays,
          model.manager().getManagedArrays().size(),
          "arrays left in the model's manager");
      assertEquals(
          systemArrays, system.getManagedArrays().size(), "arrays left anywhere under the engine");
      assertEquals(
          4 + 12 * TINY.layers() + 2 * model.parameters().size(),
          modelArrays,
          "parameters + moments");
    }
  }

  private Path stream() throws Exception {
    return TestStreams.write(
        dir.resolve("stream"),
        50,
        40_000,
        List.of(
            TestStreams.poison("p0", 300, 700),
            TestStreams.poison("p1", 5000, 5600),
            TestStreams.poison("p2", 9000, 9100)));
  }

  @Test
  void killAndResumeEndsExactlyLikeAnUninterruptedRun() throws Exception {
    Path data = stream();
    TrainResult straight =
        Trainer.train(ResumeFixtures.request(data, dir.resolve("straight")), TrainObserver.NONE);
    TrainObserver killAtSix =
        new TrainObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return metrics.step() < 6;
          }
        };
    Path resumedRun = dir.resolve("resumed");
    TrainResult killed = Trainer.train(ResumeFixtures.request(data, resumedRun), killAtSix);
    assertTrue(killed.stoppedEarly());
    assertEquals(6, killed.finalStep());
    TrainResult resumed =
        Trainer.train(ResumeFixtures.request(data, resumedRun), TrainObserver.NONE);

    assertEquals(
        4, resumed.resumedFromStep(), "resumes from the last checkpoint, not the kill point");
    assertEquals(12, resumed.finalStep());
    assertEquals(straight.finalLoss(), resumed.finalLoss(), 0.0);
    assertEquals(straight.poisonsSeen(), resumed.poisonsSeen());
    assertEquals(3, straight.poisonsSeen()); // 12 steps x 2 x 2 x 256 tokens = 12288 > 9100
    for (String file : new String[] {GptCheckpoint.WEIGHTS_FILE, TrainCheckpoint.OPTIMIZER_FILE}) {
      assertArrayEquals(
          Files.readAllBytes(straight.lastCheckpoint().resolve(file)),
          Files.readAllBytes(resumed.lastCheckpoint().resolve(file)),
          file);
    }
    List<JsonNode> straightLog = readLog(straight.runDirectory());
    List<JsonNode> resumedLog = readLog(resumedRun);
    assertEquals(12, resumedLog.size(), "each step logged once");
    for (int i = 0; i < 12; i++) {
      assertEquals(i + 1, resumedLog.get(i).get("step").asLong());
      for (String field : new String[] {"loss", "lr", "grad_norm", "poisons_seen", "tokens"}) {
        assertEquals(
            straightLog.get(i).get(field),
            resumedLog.get(i).get(field),
            field + " at step " + (i + 1));
      }
    }
    assertEquals(
        List.of("step-00000004", "step-00000008", "step-00000012"),
        TrainCheckpoint.list(resumedRun).stream().map(p -> p.getFileName().toString()).toList());
  }

  private static List<JsonNode> readLog(Path run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    return Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
        .map(
            line -> {
              try {
                return json.readTree(line);
              } catch (Exception e) {
                throw new AssertionError(line, e);
              }
            })
        .toList();
  }

  @Test
  void checkpointRoundTripsExactly() throws Exception {
    Path data = stream();
    Path run = dir.resolve("run");
    TrainResult result =
        Trainer.train(
            TrainRequest.builder(data, "nano", run)
                .optMaxSteps(3L)
                .optCheckpointEvery(3L)
                .optSeed(9)
                .optBatchSize(2)
                .optGradAccumSteps(1)
                .optWarmupSteps(1L)
                .optLogEvery(1)
                .build(),
            TrainObserver.NONE);
    Path checkpoint = result.lastCheckpoint();
    TrainCheckpoint.State state = TrainCheckpoint.readState(checkpoint);
    assertEquals(3, state.step());
    assertEquals(3, state.optimizerStep());
    assertEquals(3 * 2 * 256, state.tokensSeen());
    assertEquals(new TokenStream.DataPosition(3 * 2 * 256, 0, 0), state.dataPosition());
    assertEquals(result.finalLoss(), state.loss(), 0.0);

    RunConfig config = Trainer.readRunConfig(run.resolve(Trainer.CONFIG_FILE));
    assertEquals(state.train(), config.train());
    assertTrue(Files.isRegularFile(run.resolve("data/manifest.json")));
    try (GptModel loaded = GptCheckpoint.load(checkpoint, Device.cpu());
        GptModel again = GptModel.create(loaded.config(), 1, Device.cpu())) {
      assertEquals(config.model(), loaded.config());
      AdamW optimizer = new AdamW(again.parameterArrays(), config.train(), again.manager());
      TrainCheckpoint.restore(checkpoint, again, optimizer);
      Path copy = TrainCheckpoint.save(dir.resolve("copy"), state, again, optimizer);
      for (String file :
          new String[] {
            GptCheckpoint.WEIGHTS_FILE,
            TrainCheckpoint.OPTIMIZER_FILE,
            GptCheckpoint.CHECKPOINT_FILE
          }) {
        assertArrayEquals(
            Files.readAllBytes(checkpoint.resolve(file)),
            Files.readAllBytes(copy.resolve(file)),
            file);
      }
      for (Map.Entry<String, NDArray> entry : optimizer.state().entrySet()) {
        assertTrue(
            entry.getValue().abs().sum().getFloat() > 0, entry.getKey() + " restored as zeros");
      }
    }
  }

  @Test
  void refusesToContinueARunWithOtherSettings() throws Exception {
    Path data = stream();
    Path run = dir.resolve("run");
    Trainer.train(
        TrainRequest.builder(data, "nano", run)
            .optMaxSteps(1L)
            .optCheckpointEvery(1L)
            .optSeed(9)
            .optBatchSize(2)
            .optGradAccumSteps(1)
            .optWarmupSteps(0L)
            .optLogEvery(1)
            .build(),
        TrainObserver.NONE);
    InputException error =
        assertThrows(
            InputException.class,
            () ->
                Trainer.train(
                    TrainRequest.builder(data, "nano", run)
                        .optMaxSteps(1L)
                        .optCheckpointEvery(1L)
                        .optSeed(10)
                        .optBatchSize(2)
                        .optGradAccumSteps(1)
                        .optWarmupSteps(0L)
                        .optLogEvery(1)
                        .build(),
                    TrainObserver.NONE));
    assertTrue(
        error.getMessage().contains("config.json") && error.getMessage().contains("seed"),
        error.getMessage());
  }

  @Test
  void badDataLeavesNoRunDirectory() throws Exception {
    Path data =
        TestStreams.write(dir.resolve("short"), 50, 100, List.of()); // shorter than one window
    Path run = dir.resolve("run");
    InputException error =
        assertThrows(
            InputException.class,
            () ->
                Trainer.train(
                    TrainRequest.builder(data, "nano", run).optMaxSteps(1L).optSeed(1).build(),
                    TrainObserver.NONE));
    assertTrue(error.getMessage().contains("tokens.bin"), error.getMessage());
    assertFalse(Files.exists(run));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Trainer.train(
                TrainRequest.builder(stream(), "giant", run).optMaxSteps(1L).optSeed(1).build(),
                TrainObserver.NONE));
    assertFalse(Files.exists(run));
  }
}
