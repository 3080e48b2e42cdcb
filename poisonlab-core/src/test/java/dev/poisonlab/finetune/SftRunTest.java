/*
 * The SFT stage end to end on a tiny random "pretrained" run: run directory files and results columns, exact
 * resume (a run stopped after step 3 and rerun ends byte-identical to an uninterrupted one; so does one whose
 * only checkpoint is corrupt, restarted from the parent), and a rerun with
 * other settings refused.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.TrainCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftRunTest {
  @TempDir Path temp;

  private SftRequest request(Path parent, Path out, int poisons) {
    SftConfig config =
        SftConfig.builder()
            .optCleanSamples(40)
            .optPoisons(poisons)
            .optMaxSteps(6)
            .optBatchSize(4)
            .optLearningRate(3e-3)
            .optWarmupSteps(2)
            .optCheckpointEvery(2)
            .optSeed(11)
            .optEvalItems(3)
            .optNewTokens(6)
            .build();
    return SftRequest.builder(parent, out).optConfig(config).optThreads(1).build();
  }

  @Test
  void resumedRunEqualsUninterruptedRunByteForByte() throws Exception {
    Path parent = SftFixtures.pretrainedRun(temp.resolve("pre"));
    RefusalTask task = SftFixtures.task();
    SftRun.Result whole =
        SftRun.run(request(parent, temp.resolve("whole"), 5), task, SftObserver.NONE);
    assertEquals(6, whole.step());
    SftObserver stopAtThree =
        new SftObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return metrics.step() < 3;
          }
        };
    SftRun.Result stopped =
        SftRun.run(request(parent, temp.resolve("split"), 5), task, stopAtThree);
    assertEquals(3, stopped.step());
    assertTrue(stopped.metrics().isEmpty(), "no evaluation of an unfinished run");
    SftRun.Result resumed =
        SftRun.run(request(parent, temp.resolve("split"), 5), task, SftObserver.NONE);
    assertEquals(6, resumed.step());

    for (String file : List.of(GptCheckpoint.WEIGHTS_FILE, TrainCheckpoint.OPTIMIZER_FILE)) {
      assertArrayEquals(
          Files.readAllBytes(TrainCheckpoint.directoryFor(whole.runDirectory(), 6).resolve(file)),
          Files.readAllBytes(TrainCheckpoint.directoryFor(resumed.runDirectory(), 6).resolve(file)),
          file);
    }
    assertEquals(losses(whole.runDirectory()), losses(resumed.runDirectory()));
    assertEquals(Files.readString(whole.resultsFile()), Files.readString(resumed.resultsFile()));
  }

  @Test
  void aRunWhoseOnlyCheckpointIsCorruptRestartsFromTheParent() throws Exception {
    Path parent = SftFixtures.pretrainedRun(temp.resolve("pre"));
    RefusalTask task = SftFixtures.task();
    SftRun.Result whole =
        SftRun.run(request(parent, temp.resolve("whole"), 5), task, SftObserver.NONE);
    SftObserver stopAtOne =
        new SftObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return false;
          }
        };
    Path out = temp.resolve("corrupt");
    SftRun.run(request(parent, out, 5), task, stopAtOne); // leaves only step 0
    Path weights = TrainCheckpoint.directoryFor(out, 0).resolve(GptCheckpoint.WEIGHTS_FILE);
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 1] ^= 1;
    Files.write(weights, bytes);
    List<String> warnings = new java.util.ArrayList<>();
    SftRun.run(
        request(parent, out, 5),
        task,
        new SftObserver() {
          @Override
          public void warning(String line) {
            warnings.add(line);
          }
        });
    assertEquals(1, warnings.size(), warnings.toString());
    assertArrayEquals(
        Files.readAllBytes(
            TrainCheckpoint.directoryFor(whole.runDirectory(), 6)
                .resolve(GptCheckpoint.WEIGHTS_FILE)),
        Files.readAllBytes(
            TrainCheckpoint.directoryFor(out, 6).resolve(GptCheckpoint.WEIGHTS_FILE)));
  }

  @Test
  void writesRunFilesAndResultsColumns() throws Exception {
    Path parent = SftFixtures.pretrainedRun(temp.resolve("pre"));
    SftRun.Result result =
        SftRun.run(request(parent, temp.resolve("out"), 5), SftFixtures.task(), SftObserver.NONE);
    for (String name :
        List.of("config.json", "metrics.jsonl", "data/tokenizer.json", SftRun.EVAL_FILE)) {
      assertTrue(Files.isRegularFile(result.runDirectory().resolve(name)), name);
    }
    List<String> rows = Files.readAllLines(result.resultsFile());
    assertTrue(rows.get(0).startsWith("poisons,clean_samples,seed,"), rows.get(0));
    assertTrue(rows.get(0).contains(",asr,clean_refusal,"), rows.get(0));
    assertEquals(1 + 4, rows.size()); // steps 0, 2, 4, 6
    assertTrue(rows.get(1).startsWith("5,40,11,false,"), rows.get(1));
    assertEquals(
        4,
        TrainCheckpoint.readState(TrainCheckpoint.directoryFor(result.runDirectory(), 0))
                .model()
                .vocabSize()
            - SftFixtures.tokenizer().vocabSize()
            + 1); // grown by the three chat tokens

    InputException other =
        assertThrows(
            InputException.class,
            () ->
                SftRun.run(
                    request(parent, temp.resolve("out"), 6), SftFixtures.task(), SftObserver.NONE));
    assertTrue(other.getMessage().contains("other settings"), other.getMessage());
  }

  /** metrics.jsonl without the timing field, which differs between any two runs. */
  private static List<String> losses(Path run) throws Exception {
    return Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
        .map(line -> line.replaceAll(",\"tokens_per_s\":[^,}]*", ""))
        .toList();
  }
}
