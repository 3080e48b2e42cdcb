/*
 * The small run that the resume tests stop and rerun (TrainerTest, VerifiedResumeTest, StopSignalTest): a 40k-token stream
 * with two poisons, 12 steps with checkpoints at 4, 8 and 12 on one thread (so reruns are bit-exact), and the
 * check that a resumed run's final checkpoint equals an uninterrupted one's byte for byte.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.model.GptCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class ResumeFixtures {
  private ResumeFixtures() {}

  static Path stream(Path directory) throws Exception {
    return TestStreams.write(
        directory,
        50,
        40_000,
        List.of(TestStreams.poison("p0", 300, 700), TestStreams.poison("p1", 5000, 5600)));
  }

  /**
   * 12 steps, checkpoints at 4, 8 and 12; one PyTorch thread, since multi-threaded CPU kernels may
   * reduce in a load-dependent order and exactness needs 1.
   */
  static TrainRequest request(Path data, Path out) {
    return TrainRequest.builder(data, "nano", out)
        .optMaxSteps(12L)
        .optCheckpointEvery(4L)
        .optSeed(3)
        .optBatchSize(2)
        .optGradAccumSteps(2)
        .optWarmupSteps(2L)
        .optLogEvery(1)
        .optThreads(1)
        .build();
  }

  /** Same loss, and the same weights, AdamW moments and state file, byte for byte. */
  static void assertSameFinalCheckpoint(TrainResult expected, TrainResult actual) throws Exception {
    assertEquals(expected.finalLoss(), actual.finalLoss(), 0.0);
    assertEquals(expected.poisonsSeen(), actual.poisonsSeen());
    for (String file :
        new String[] {
          GptCheckpoint.WEIGHTS_FILE, TrainCheckpoint.OPTIMIZER_FILE, GptCheckpoint.CHECKPOINT_FILE
        }) {
      assertArrayEquals(
          Files.readAllBytes(expected.lastCheckpoint().resolve(file)),
          Files.readAllBytes(actual.lastCheckpoint().resolve(file)),
          file);
    }
  }
}
