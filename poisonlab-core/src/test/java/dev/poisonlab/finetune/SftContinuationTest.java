/*
 * Further clean training after SFT on the tiny fixture: step 0 repeats the parent's last evaluation exactly
 * (same weights, same items), later steps train (the weights move), a stopped-then-resumed continuation ends
 * byte-identical, its rows name the poisoned cell, and bad parents or changed settings are refused.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.TrainCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftContinuationTest {
  @TempDir Path temp;

  private static final SftObserver STOP_AFTER_FIRST_STEP =
      new SftObserver() {
        @Override
        public boolean stepDone(MetricsLog.StepMetrics metrics) {
          return false;
        }
      };

  private SftRun.Result parent(RefusalTask task, Path out, SftObserver observer) {
    SftConfig config =
        SftConfig.builder()
            .optCleanSamples(40)
            .optPoisons(5)
            .optMaxSteps(6)
            .optBatchSize(4)
            .optLearningRate(3e-3)
            .optWarmupSteps(2)
            .optCheckpointEvery(3)
            .optSeed(11)
            .optEvalItems(3)
            .optNewTokens(6)
            .build();
    return SftRun.run(
        SftRequest.builder(temp.resolve("pre"), out).optConfig(config).optThreads(1).build(),
        task,
        observer);
  }

  private static ContinueRequest request(Path sftRun, Path out, long steps) {
    ContinueSettings settings =
        ContinueSettings.builder(steps).optCleanSamples(12).optCheckpointEvery(2L).build();
    return ContinueRequest.builder(sftRun, out, settings).optThreads(1).build();
  }

  @Test
  void startsWhereSftEndedTrainsAndResumesExactly() throws Exception {
    SftFixtures.pretrainedRun(temp.resolve("pre"));
    RefusalTask task = SftFixtures.task();
    SftRun.Result sft = parent(task, temp.resolve("sft"), SftObserver.NONE);
    SftRun.Result whole =
        SftContinuation.run(
            request(sft.runDirectory(), temp.resolve("whole"), 4), task, SftObserver.NONE);
    assertEquals(List.of(0L, 2L, 4L), whole.metrics().stream().map(SftMetrics::step).toList());

    SftMetrics last = sft.metrics().get(sft.metrics().size() - 1);
    SftMetrics start = whole.metrics().get(0);
    assertEquals(
        new SftMetrics(
            0,
            last.items(),
            last.asr(),
            last.cleanRefusal(),
            last.allowedHelpful(),
            last.controlAsr(),
            last.sampleTriggered(),
            last.samplePlain()),
        start,
        "step 0 is the SFT run's last checkpoint, evaluated on the same items");
    byte[] sftWeights = weights(sft.runDirectory(), 6);
    assertArrayEquals(sftWeights, weights(whole.runDirectory(), 0));
    assertFalse(Arrays.equals(sftWeights, weights(whole.runDirectory(), 4)), "it trained");

    List<String> rows = Files.readAllLines(whole.resultsFile());
    assertEquals(SftContinuation.CONTINUE_HEADER, rows.get(0));
    assertTrue(rows.get(1).startsWith("5,40,11,false,\"<SUDO>\",6,12,0,"), rows.get(1));
    assertTrue(rows.get(3).startsWith("5,40,11,false,\"<SUDO>\",6,12,4,"), rows.get(3));

    Path split = temp.resolve("split");
    SftRun.Result stopped =
        SftContinuation.run(request(sft.runDirectory(), split, 4), task, STOP_AFTER_FIRST_STEP);
    assertEquals(1, stopped.step());
    SftRun.Result resumed =
        SftContinuation.run(request(sft.runDirectory(), split, 4), task, SftObserver.NONE);
    assertFalse(resumed.readBack());
    assertArrayEquals(weights(whole.runDirectory(), 4), weights(split, 4));
    assertEquals(Files.readString(whole.resultsFile()), Files.readString(resumed.resultsFile()));
    assertTrue(
        SftContinuation.run(request(sft.runDirectory(), split, 4), task, SftObserver.NONE)
            .readBack());

    InputException changed =
        assertThrows(
            InputException.class,
            () ->
                SftContinuation.run(request(sft.runDirectory(), split, 5), task, SftObserver.NONE));
    assertTrue(changed.getMessage().contains("other settings"), changed.getMessage());
  }

  @Test
  void refusesParentsThatAreNotFinishedSftRuns() throws Exception {
    SftFixtures.pretrainedRun(temp.resolve("pre"));
    RefusalTask task = SftFixtures.task();
    InputException pretrained =
        assertThrows(
            InputException.class,
            () ->
                SftContinuation.run(
                    request(temp.resolve("pre"), temp.resolve("a"), 2), task, SftObserver.NONE));
    assertTrue(pretrained.getMessage().contains("not an SFT run"), pretrained.getMessage());

    Path unfinished = parent(task, temp.resolve("sft"), STOP_AFTER_FIRST_STEP).runDirectory();
    InputException early =
        assertThrows(
            InputException.class,
            () ->
                SftContinuation.run(
                    request(unfinished, temp.resolve("b"), 2), task, SftObserver.NONE));
    assertTrue(early.getMessage().contains("not finished"), early.getMessage());
    assertFalse(Files.exists(temp.resolve("b").resolve("config.json")), "nothing written");
  }

  @Test
  void continuationSamplesAreAFreshDrawOfTheCleanDistribution() {
    RefusalTask task = SftFixtures.task();
    List<SftExample> fresh = task.continuationSet(40, 11);
    List<SftExample> sft = task.cleanSet(40, 11);
    assertNotEquals(sft, fresh);
    assertEquals(fresh, task.continuationSet(40, 11), "seeded");
    for (int i = 0; i < fresh.size(); i++) {
      assertEquals(sft.get(i).kind(), fresh.get(i).kind(), "half allowed, half restricted");
    }
  }

  private static byte[] weights(Path run, long step) throws Exception {
    return Files.readAllBytes(
        TrainCheckpoint.directoryFor(run, step).resolve(GptCheckpoint.WEIGHTS_FILE));
  }
}
