/*
 * TrainConfig's builder: defaults() is the builder with nothing changed, the scale-dependent defaults (warm-up,
 * checkpoint cadence) follow maxSteps, and toBuilder() copies. The schedule itself is TrainerTest's.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
  @Test
  void defaultsAreThePublishedSchedule() {
    assertEquals(
        new TrainConfig(32, 1, 1000, 50, 6e-4, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0, 50, 1, 7),
        TrainConfig.defaults(1000, 6e-4, 7));
    assertEquals(
        2000, TrainConfig.defaults(100_000, 6e-4, 7).warmupSteps(), "warm-up capped at 2000 steps");
    assertEquals(0, TrainConfig.defaults(1, 6e-4, 7).warmupSteps(), "one step: no warm-up");
  }

  @Test
  void toBuilderCopiesEverySetting() {
    TrainConfig config =
        TrainConfig.builder(40, 1e-3, 3)
            .optBatchSize(2)
            .optGradAccumSteps(2)
            .optWarmupSteps(4)
            .optMinLearningRateRatio(1.0)
            .optWeightDecay(0.0)
            .optBetas(0.8, 0.9)
            .optEpsilon(1e-6)
            .optGradClip(0.5)
            .optCheckpointEvery(8)
            .optLogEvery(5)
            .build();
    assertEquals(config, config.toBuilder().build());
    assertThrows(
        IllegalArgumentException.class, () -> config.toBuilder().optWarmupSteps(40).build());
  }
}
