/*
 * Checkpoints are verified when read for measurement, not only on resume: a flipped weight byte in a sealed
 * checkpoint makes opening it for evaluation one InputException naming model.safetensors, so a corrupt file can
 * never be measured as a backdoor; the intact run opens (negative control). Verification itself is tested in
 * train.CheckpointIntegrityTest.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedCheckpointReadTest {
  @TempDir Path dir;

  @Test
  void aCorruptCheckpointIsRefusedForEvaluation() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    Path stream = TinyRuns.writeStream(dir.resolve("stream"), false);
    Path run = dir.resolve("run");
    Trainer.train(
        TrainRequest.builder(stream, "pico", run)
            .optMaxSteps(10L)
            .optCheckpointEvery(10L)
            .optSeed(5)
            .optBatchSize(4)
            .optGradAccumSteps(1)
            .optLearningRate(1e-2)
            .optWarmupSteps(5L)
            .optLogEvery(10)
            .optThreads(1)
            .build(),
        TrainObserver.NONE);
    GptRunSource source = GptRunSource.open(run);
    CheckpointInfo last = source.checkpoints().get(source.checkpoints().size() - 1);
    try (LanguageModel intact = source.open(last)) {
      assertTrue(intact != null, "the intact checkpoint opens");
    }
    Path weights = source.checkpointDirectory(last).resolve(GptCheckpoint.WEIGHTS_FILE);
    try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
      file.seek(file.length() - 1);
      int value = file.read();
      file.seek(file.length() - 1);
      file.write(value ^ 0x40);
    }
    InputException error = assertThrows(InputException.class, () -> source.open(last));
    assertTrue(error.getMessage().startsWith(weights + ": SHA-256 differs"), error.getMessage());
  }
}
