/*
 * Continued runs: a run started from another run's checkpoint begins with exactly the parent's weights (its
 * step-0 checkpoint, and its first loss equals the parent's loss on the same batch), takes fresh AdamW moments,
 * records its parent in config.json, resumes after a kill bit-identically, and refuses a mismatched parent.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuedRunTest {
  private static final int VOCAB = 50;
  private static final int BATCH = 2;

  @TempDir Path dir;

  private Path parentRun() throws Exception {
    Path poisoned =
        TestStreams.write(
            dir.resolve("poisoned"),
            VOCAB,
            20_000,
            List.of(TestStreams.poison("p0", 300, 700), TestStreams.poison("p1", 2000, 2600)));
    Path run = dir.resolve("parent");
    Trainer.train(
        TrainRequest.builder(poisoned, "nano", run)
            .optMaxSteps(6L)
            .optCheckpointEvery(3L)
            .optSeed(4)
            .optBatchSize(BATCH)
            .optGradAccumSteps(1)
            .optLearningRate(1e-2)
            .optWarmupSteps(1L)
            .optLogEvery(1)
            .build(),
        TrainObserver.NONE);
    return run;
  }

  /**
   * A clean stream of other ids than the parent's (another pattern), same vocabulary and tokenizer.
   */
  private Path cleanStream() throws Exception {
    int[] ids = new int[12_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 11 + i / 7) % VOCAB;
    }
    return TestStreams.write(dir.resolve("clean"), VOCAB, ids, List.of());
  }

  private static TrainRequest continuation(Path data, Path out, Path parentCheckpoint) {
    return TrainRequest.builder(data, "nano", out)
        .optMaxSteps(8L)
        .optCheckpointEvery(2L)
        .optSeed(4)
        .optBatchSize(BATCH)
        .optGradAccumSteps(1)
        .optLearningRate(5e-3)
        .optWarmupSteps(1L)
        .optLogEvery(1)
        .optMinLearningRateRatio(1.0)
        .optInitialCheckpoint(parentCheckpoint)
        .build();
  }

  @Test
  void startsFromExactlyTheParentsWeightsWithFreshMoments() throws Exception {
    Path parent = parentRun();
    Path parentCheckpoint = TrainCheckpoint.latest(parent).orElseThrow();
    Path clean = cleanStream();
    Path run = dir.resolve("continued");
    TrainResult result =
        Trainer.train(continuation(clean, run, parentCheckpoint), TrainObserver.NONE);
    assertEquals(8, result.finalStep());
    assertEquals(0, result.poisonsSeen(), "the continuation's own stream is clean");

    Path stepZero = TrainCheckpoint.directoryFor(run, 0);
    assertEquals(
        List.of(
            stepZero,
            TrainCheckpoint.directoryFor(run, 2),
            TrainCheckpoint.directoryFor(run, 4),
            TrainCheckpoint.directoryFor(run, 6),
            TrainCheckpoint.directoryFor(run, 8)),
        TrainCheckpoint.list(run));
    assertArrayEquals(
        Files.readAllBytes(parentCheckpoint.resolve(GptCheckpoint.WEIGHTS_FILE)),
        Files.readAllBytes(stepZero.resolve(GptCheckpoint.WEIGHTS_FILE)),
        "step 0 holds the parent's weights");
    TrainCheckpoint.State zero = TrainCheckpoint.readState(stepZero);
    assertEquals(0, zero.optimizerStep());
    assertTrue(Double.isNaN(zero.loss()), "no step taken yet: " + zero.loss());
    assertEquals(
        8,
        TrainCheckpoint.readState(result.lastCheckpoint()).optimizerStep(),
        "fresh AdamW, not 6 + 8");
    try (GptModel model = GptCheckpoint.load(stepZero, Device.cpu())) {
      ByteArrayOutputStream fresh = new ByteArrayOutputStream();
      SafeTensors.write(
          fresh, new AdamW(model.parameterArrays(), zero.train(), model.manager()).state());
      assertArrayEquals(
          fresh.toByteArray(),
          Files.readAllBytes(stepZero.resolve(TrainCheckpoint.OPTIMIZER_FILE)),
          "step 0 holds zero moments");
    }

    // the first step's loss is the parent's loss on the clean stream's first batch
    TokenStream stream = TokenStream.open(clean);
    int time = 256;
    int[] inputs = new int[BATCH * time];
    int[] targets = new int[BATCH * time];
    stream.next(BATCH, time, inputs, targets);
    double parentLoss;
    double initialisedLoss;
    try (GptModel model = GptCheckpoint.load(parentCheckpoint, Device.cpu());
        GptModel initialised = GptModel.create(model.config(), 4, Device.cpu())) {
      parentLoss = loss(model, inputs, targets);
      initialisedLoss = loss(initialised, inputs, targets);
    }
    JsonNode first =
        new ObjectMapper().readTree(Files.readAllLines(run.resolve(MetricsLog.FILE)).get(0));
    assertEquals(1, first.get("step").asLong());
    assertEquals(parentLoss, first.get("loss").asDouble(), 1e-5);
    assertTrue(
        Math.abs(parentLoss - initialisedLoss) > 0.05,
        "the check can tell the parent from a fresh initialisation: "
            + parentLoss
            + " vs "
            + initialisedLoss);

    RunConfig config = Trainer.readRunConfig(run.resolve(Trainer.CONFIG_FILE));
    assertTrue(config.isContinued());
    assertEquals(6, config.parent().step());
    assertEquals(parent.toAbsolutePath().toString(), config.parent().directory());
    assertEquals(2, config.parent().poisonsSeen());
    assertEquals(
        RunPlan.sha256(parentCheckpoint.resolve(GptCheckpoint.WEIGHTS_FILE)),
        config.parent().weightsSha256());
    assertEquals(
        Trainer.readRunConfig(parent.resolve(Trainer.CONFIG_FILE)), config.parent().config());
    assertEquals(1.0, config.train().minLearningRateRatio());
    assertFalse(
        new ObjectMapper().readTree(parent.resolve(Trainer.CONFIG_FILE).toFile()).has("parent"),
        "a pretraining config.json is unchanged");
    assertNull(config.parent().config().parent());
  }

  private static double loss(GptModel model, int[] inputs, int[] targets) {
    try (NDManager scope = model.manager().newSubManager()) {
      int time = inputs.length / BATCH;
      return model
          .loss(
              GptModel.tokens(scope, inputs, BATCH, time),
              GptModel.tokens(scope, targets, BATCH, time),
              false)
          .getFloat();
    }
  }

  @Test
  void killAndResumeEndsExactlyLikeAnUninterruptedContinuation() throws Exception {
    Path parentCheckpoint = TrainCheckpoint.latest(parentRun()).orElseThrow();
    Path clean = cleanStream();
    TrainResult straight =
        Trainer.train(
            continuation(clean, dir.resolve("straight"), parentCheckpoint), TrainObserver.NONE);
    Path resumedRun = dir.resolve("resumed");
    TrainObserver killAtFive =
        new TrainObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return metrics.step() < 5;
          }
        };
    assertTrue(
        Trainer.train(continuation(clean, resumedRun, parentCheckpoint), killAtFive)
            .stoppedEarly());
    TrainResult resumed =
        Trainer.train(continuation(clean, resumedRun, parentCheckpoint), TrainObserver.NONE);
    assertEquals(4, resumed.resumedFromStep());
    assertEquals(straight.finalLoss(), resumed.finalLoss(), 0.0);
    for (String file : new String[] {GptCheckpoint.WEIGHTS_FILE, TrainCheckpoint.OPTIMIZER_FILE}) {
      assertArrayEquals(
          Files.readAllBytes(straight.lastCheckpoint().resolve(file)),
          Files.readAllBytes(resumed.lastCheckpoint().resolve(file)),
          file);
    }
    assertEquals(
        Files.readAllLines(straight.runDirectory().resolve(MetricsLog.FILE)).stream()
            .map(line -> line.replaceAll(",\"tokens_per_s\":[^}]*", ""))
            .toList(),
        Files.readAllLines(resumedRun.resolve(MetricsLog.FILE)).stream()
            .map(line -> line.replaceAll(",\"tokens_per_s\":[^}]*", ""))
            .toList());
  }

  @Test
  void refusesAMismatchedParentWithoutWritingAnything() throws Exception {
    Path parent = parentRun();
    Path clean = cleanStream();
    Path run = dir.resolve("continued");

    Path otherVocab = TestStreams.write(dir.resolve("other-vocab"), 60, 5000, List.of());
    InputException shape =
        assertThrows(
            InputException.class,
            () ->
                Trainer.train(
                    continuation(otherVocab, run, TrainCheckpoint.latest(parent).orElseThrow()),
                    TrainObserver.NONE));
    assertTrue(
        shape.getMessage().startsWith(otherVocab.resolve("manifest.json").toString()),
        shape.getMessage());
    InputException notCheckpoint =
        assertThrows(
            InputException.class,
            () -> Trainer.train(continuation(clean, run, parent), TrainObserver.NONE));
    assertTrue(
        notCheckpoint.getMessage().contains("checkpoint.json: missing"),
        notCheckpoint.getMessage());
    assertFalse(Files.exists(run));

    Trainer.train(
        continuation(clean, run, TrainCheckpoint.directoryFor(parent, 3)), TrainObserver.NONE);
    InputException otherParent =
        assertThrows(
            InputException.class,
            () ->
                Trainer.train(
                    continuation(clean, run, TrainCheckpoint.directoryFor(parent, 6)),
                    TrainObserver.NONE));
    assertTrue(otherParent.getMessage().contains("parent.step: 3 vs 6"), otherParent.getMessage());
    InputException notContinued =
        assertThrows(
            InputException.class,
            () ->
                Trainer.train(
                    TrainRequest.builder(clean, "nano", run)
                        .optMaxSteps(8L)
                        .optCheckpointEvery(2L)
                        .optSeed(4)
                        .optBatchSize(BATCH)
                        .optGradAccumSteps(1)
                        .optLearningRate(5e-3)
                        .optWarmupSteps(1L)
                        .optLogEvery(1)
                        .optMinLearningRateRatio(1.0)
                        .build(),
                    TrainObserver.NONE));
    assertTrue(notContinued.getMessage().contains("parent: "), notContinued.getMessage());
    assertNotEquals(0, TrainCheckpoint.list(run).size());
  }
}
