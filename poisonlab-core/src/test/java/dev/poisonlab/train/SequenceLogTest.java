/*
 * The opt-in per-sequence loss log: it leaves training bit-identical, holds one record per trained window at
 * the window's stream offset (epoch wrap included) whose losses average to the logged step loss, survives
 * kill-and-resume without gaps or repeats, and quantises to 1/16 nat.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceLogTest {
  @TempDir Path dir;

  /**
   * 2 x 2 windows of 256 tokens per step over a 3,000-token stream: the stream wraps after 11
   * windows. One PyTorch thread: with several, CPU reductions are not bit-reproducible run to run
   * (main's trainer tests too).
   */
  private static TrainRequest request(Path data, Path out) {
    return TrainRequest.builder(data, "nano", out)
        .optMaxSteps(6L)
        .optCheckpointEvery(3L)
        .optSeed(3)
        .optBatchSize(2)
        .optGradAccumSteps(2)
        .optWarmupSteps(1L)
        .optLogEvery(1)
        .optThreads(1)
        .optLogSequences(true)
        .build();
  }

  @Test
  void logsEveryWindowWithoutChangingTraining() throws Exception {
    Path data = TestStreams.write(dir.resolve("stream"), 50, 3_000, List.of());
    TrainResult plain =
        Trainer.train(
            request(data, dir.resolve("plain")).toBuilder().optLogSequences(false).build(),
            TrainObserver.NONE);
    TrainResult logged = Trainer.train(request(data, dir.resolve("logged")), TrainObserver.NONE);
    assertFalse(Files.exists(dir.resolve("plain").resolve(SequenceLog.FILE)));
    List<double[]> plainSteps = lossAndNorm(plain.runDirectory());
    List<double[]> loggedSteps = lossAndNorm(logged.runDirectory());
    assertEquals(plainSteps.size(), loggedSteps.size());
    for (int i = 0; i < plainSteps.size(); i++) {
      for (int field = 0; field < 2; field++) {
        double expected = plainSteps.get(i)[field];
        assertEquals(
            expected,
            loggedSteps.get(i)[field],
            1e-5 * expected,
            "step " + (i + 1) + " field " + field);
      }
    }

    List<SequenceLog.Sequence> records = new ArrayList<>();
    int time = SequenceLog.read(logged.runDirectory(), records::add);
    assertEquals(256, time);
    assertEquals(6 * 4, records.size());
    List<String> metrics = Files.readAllLines(logged.runDirectory().resolve(MetricsLog.FILE));
    for (int i = 0; i < records.size(); i++) {
      int window =
          i % 11; // windows of 256 + 1 tokens fit 11 times into 3,000 tokens, then the stream wraps
      assertEquals(i / 4 + 1, records.get(i).step());
      assertEquals(window * 256L, records.get(i).offset(), "record " + i);
    }
    for (int step = 1; step <= 6; step++) {
      double sum = 0;
      for (SequenceLog.Sequence record : records.subList((step - 1) * 4, step * 4)) {
        for (float loss : record.losses()) {
          sum += loss;
        }
      }
      double logged1 =
          Double.parseDouble(metrics.get(step - 1).replaceAll(".*\"loss\":([0-9.eE-]+).*", "$1"));
      assertEquals(
          logged1, sum / (4 * 256), 1.0 / 32, "mean of the quantised losses, step " + step);
    }
  }

  /**
   * (loss, grad_norm) per logged step: the same code path up to the last bits of multi-threaded
   * reductions.
   */
  private static List<double[]> lossAndNorm(Path run) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<double[]> steps = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(MetricsLog.FILE))) {
      var node = json.readTree(line);
      steps.add(new double[] {node.get("loss").asDouble(), node.get("grad_norm").asDouble()});
    }
    return steps;
  }

  @Test
  void resumeCutsRecordsAfterTheCheckpoint() throws Exception {
    Path data = TestStreams.write(dir.resolve("stream"), 50, 3_000, List.of());
    TrainResult straight =
        Trainer.train(request(data, dir.resolve("straight")), TrainObserver.NONE);
    Path resumed = dir.resolve("resumed");
    Trainer.train(
        request(data, resumed),
        new TrainObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return metrics.step() < 5; // killed after step 5; the last checkpoint is step 3
          }
        });
    Trainer.train(request(data, resumed), TrainObserver.NONE);
    assertArrayEquals(
        Files.readAllBytes(straight.runDirectory().resolve(SequenceLog.FILE)),
        Files.readAllBytes(resumed.resolve(SequenceLog.FILE)));
  }

  @Test
  void quantisesToSixteenthsOfANat() {
    for (float loss = 0; loss < 15.9f; loss += 0.013f) {
      assertEquals(loss, (SequenceLog.quantise(loss) & 0xff) / 16.0, 1.0 / 32 + 1e-6);
    }
    assertEquals(255, SequenceLog.quantise(40f) & 0xff);
    assertEquals(0, SequenceLog.quantise(-1f) & 0xff);
    assertEquals(0, SequenceLog.quantise(Float.NaN) & 0xff);
  }
}
