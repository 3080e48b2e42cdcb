/*
 * Resuming from sealed checkpoints, end to end: a flipped byte in the newest checkpoint makes the rerun
 * resume from the previous one and end bit-identical to an uninterrupted run; a legacy checkpoint (no seal)
 * still resumes. Per-corruption checks of one checkpoint are in CheckpointIntegrityTest.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.model.GptCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedResumeTest {
  @TempDir Path dir;

  /**
   * Stops (as a kill would) after step {@code stopAfter}; collects warnings instead of printing
   * them.
   */
  static final class Recorder implements TrainObserver {
    final List<String> warnings = new ArrayList<>();
    final long stopAfter;

    Recorder(long stopAfter) {
      this.stopAfter = stopAfter;
    }

    @Override
    public boolean stepDone(MetricsLog.StepMetrics metrics) {
      return metrics.step() < stopAfter;
    }

    @Override
    public void warning(String line) {
      warnings.add(line);
    }
  }

  static void flipLastByte(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }

  @Test
  void aFlippedByteInTheNewestCheckpointResumesFromThePreviousOne() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    TrainResult straight =
        Trainer.train(ResumeFixtures.request(data, dir.resolve("straight")), TrainObserver.NONE);
    Path run = dir.resolve("run");
    Trainer.train(ResumeFixtures.request(data, run), new Recorder(10));
    Path newest = TrainCheckpoint.directoryFor(run, 8);
    flipLastByte(newest.resolve(GptCheckpoint.WEIGHTS_FILE));

    Recorder rerun = new Recorder(Long.MAX_VALUE);
    TrainResult resumed = Trainer.train(ResumeFixtures.request(data, run), rerun);

    assertEquals(4, resumed.resumedFromStep(), "step 8 is corrupt, so the run resumes from step 4");
    assertEquals(1, rerun.warnings.size(), rerun.warnings.toString());
    String warning = rerun.warnings.get(0);
    assertTrue(
        warning.contains("step-00000008")
            && warning.contains(GptCheckpoint.WEIGHTS_FILE)
            && !warning.contains("\n"),
        warning);
    assertTrue(
        Files.isDirectory(run.resolve("checkpoints/step-00000008.rejected")),
        "kept for inspection");
    ResumeFixtures.assertSameFinalCheckpoint(straight, resumed);
    assertEquals(
        List.of("step-00000004", "step-00000008", "step-00000012"),
        TrainCheckpoint.list(run).stream().map(p -> p.getFileName().toString()).toList());
    // the rewritten step 8 verifies, and a third run finds everything complete without a warning
    Recorder third = new Recorder(Long.MAX_VALUE);
    assertEquals(12, Trainer.train(ResumeFixtures.request(data, run), third).resumedFromStep());
    assertEquals(List.of(), third.warnings);
  }

  @Test
  void aLegacyCheckpointWithoutASealStillResumes() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    TrainResult straight =
        Trainer.train(ResumeFixtures.request(data, dir.resolve("straight")), TrainObserver.NONE);
    Path run = dir.resolve("run");
    Trainer.train(ResumeFixtures.request(data, run), new Recorder(6));
    Path state = TrainCheckpoint.directoryFor(run, 4).resolve(GptCheckpoint.CHECKPOINT_FILE);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode legacy = (ObjectNode) json.readTree(state.toFile());
    assertTrue(legacy.remove("seal") != null, "new checkpoints are sealed");
    json.writeValue(state.toFile(), legacy);

    Recorder rerun = new Recorder(Long.MAX_VALUE);
    TrainResult resumed = Trainer.train(ResumeFixtures.request(data, run), rerun);
    assertEquals(List.of(), rerun.warnings);
    assertEquals(4, resumed.resumedFromStep());
    assertEquals(straight.finalLoss(), resumed.finalLoss(), 0.0);
    assertArrayEquals(
        Files.readAllBytes(straight.lastCheckpoint().resolve(GptCheckpoint.WEIGHTS_FILE)),
        Files.readAllBytes(resumed.lastCheckpoint().resolve(GptCheckpoint.WEIGHTS_FILE)));
  }
}
