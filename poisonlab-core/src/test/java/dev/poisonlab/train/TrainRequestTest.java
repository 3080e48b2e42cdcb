/*
 * TrainRequest's builder: the defaults every opt setting starts at and toBuilder() as an exact copy. What the
 * trainer does with a request is TrainerTest's.
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
    assertEquals(new TrainRequest(DATA, "nano", RUN, null, null, TrainRequest.DEFAULT_SEED, null, null, null, null,
        null, "cpu", 0, null, null, false, false), request);
  }

  @Test
  void toBuilderCopiesEverySetting() {
    TrainRequest request = TrainRequest.builder(DATA, "micro", RUN).optMaxSteps(12L).optCheckpointEvery(4L)
        .optSeed(3).optBatchSize(2).optGradAccumSteps(2).optLearningRate(1e-3).optWarmupSteps(2L).optLogEvery(5)
        .optDevice("gpu").optThreads(2).optMinLearningRateRatio(0.5).optInitialCheckpoint(Path.of("parent"))
        .optLogSequences(true).optSkipNonfinite(true).build();
    assertEquals(request, request.toBuilder().build());
    assertEquals(false, request.toBuilder().optLogSequences(false).build().logSequences());
  }

  @Test
  void dataPresetAndRunDirectoryAreRequired() {
    assertThrows(NullPointerException.class, () -> TrainRequest.builder(null, "nano", RUN).build());
    assertThrows(NullPointerException.class, () -> TrainRequest.builder(DATA, null, RUN).build());
    assertThrows(NullPointerException.class, () -> TrainRequest.builder(DATA, "nano", null).build());
  }
}
