/*
 * TrainRequest's builder: the defaults every opt setting starts at, toBuilder() as an exact copy, and the
 * execution options (TrainOptions) kept apart and checked up front. What the trainer does is TrainerTest's.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainRequestTest {
  private static final Path DATA = Path.of("stream");
  private static final Path RUN = Path.of("run");

  @Test
  void builderDefaultsAreTheTrainersOwn() {
    TrainRequest request = TrainRequest.builder(DATA, "nano", RUN).build();
    assertEquals(
        new TrainRequest(
            DATA,
            "nano",
            RUN,
            null,
            null,
            TrainRequest.DEFAULT_SEED,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            TrainOptions.DEFAULT),
        request);
    assertEquals(new TrainOptions("cpu", 0, false, false), request.options());
  }

  @Test
  void toBuilderCopiesEverySetting() {
    TrainRequest request =
        TrainRequest.builder(DATA, "micro", RUN)
            .optMaxSteps(12L)
            .optCheckpointEvery(4L)
            .optSeed(3)
            .optBatchSize(2)
            .optGradAccumSteps(2)
            .optLearningRate(1e-3)
            .optWarmupSteps(2L)
            .optLogEvery(5)
            .optDevice("gpu")
            .optThreads(2)
            .optMinLearningRateRatio(0.5)
            .optInitialCheckpoint(Path.of("parent"))
            .optLogSequences(true)
            .optSkipNonfinite(true)
            .build();
    assertEquals(request, request.toBuilder().build());
    assertEquals(
        new TrainOptions("gpu", 2, true, true), request.options(), "how it runs, kept apart");
    assertEquals(
        false, request.toBuilder().optLogSequences(false).build().options().logSequences());
  }

  @Test
  void badExecutionOptionsAreRefusedUpFront() {
    TrainRequest.Builder builder = TrainRequest.builder(DATA, "nano", RUN);
    assertThrows(IllegalArgumentException.class, () -> builder.optDevice("tpu").build());
    assertThrows(
        IllegalArgumentException.class, () -> builder.optDevice("gpu:1").optThreads(-1).build());
    assertThrows(
        IllegalArgumentException.class, () -> builder.optThreads(0).optBatchSize(0).build());
  }

  @Test
  void dataPresetAndRunDirectoryAreRequired() {
    assertThrows(NullPointerException.class, () -> TrainRequest.builder(null, "nano", RUN).build());
    assertThrows(NullPointerException.class, () -> TrainRequest.builder(DATA, null, RUN).build());
    assertThrows(
        NullPointerException.class, () -> TrainRequest.builder(DATA, "nano", null).build());
  }
}
