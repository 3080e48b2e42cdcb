/*
 * Failure isolation and progress of the fine-tuning grid: a run that fails is recorded (failure.txt,
 * failures.json) while the others finish, its further clean training is not run, the bar counts every run;
 * once the cause is gone a rerun finishes the failed runs, reads the rest back and clears the records.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftGridFailuresTest {
  @TempDir Path temp;

  /** Records the tasks started and the units stepped, as a progress bar would show them. */
  private static final class Recorder implements Progress {
    final List<Long> maxima = new ArrayList<>();
    long units;
    final List<String> messages = new ArrayList<>();

    @Override
    public Task start(String task, long max, String unit, long from) {
      maxima.add(max);
      return new Task() {
        @Override
        public void stepBy(long count) {
          units += count;
        }

        @Override
        public void stepTo(long count) {
          units = count;
        }

        @Override
        public void message(String text) {
          messages.add(text);
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aFailingRunIsRecordedAndTheOthersFinish() throws Exception {
    SftFixtures.pretrainedRun(temp.resolve("pre"));
    Path specFile = temp.resolve("grid.json");
    Files.writeString(
        specFile,
        "{\"run\": \"pre\", \"poisons\": [0, 2], \"clean_samples\": [20], \"seeds\": [3],"
            + " \"steps\": 2, \"checkpoints\": 1, \"batch_size\": 4, \"eval_items\": 2,"
            + " \"new_tokens\": 4, \"persistence_steps\": 1}");
    Path out = temp.resolve("out");
    Path blocked = out.resolve("runs/c20-p2-s3");
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("stray.txt"), "not a run\n"); // prepare refuses this
    Recorder progress = new Recorder();
    SftGridOptions options = SftGridOptions.builder().optThreads(1).optProgress(progress).build();
    SftGridSpec spec = SftGridSpec.read(specFile);

    SftGrid.Result failed = SftGrid.run(spec, specFile, out, SftFixtures.task(), options);
    assertEquals(3, failed.runs());
    assertEquals(1, failed.trained());
    assertEquals(
        List.of("c20-p2-s3", "c20-p2-s3-continue"),
        failed.failures().stream().map(SftGrid.Failure::run).toList());
    assertTrue(failed.failures().get(0).error().contains("not empty"), failed.toString());
    assertTrue(failed.failures().get(1).error().startsWith("not run"), failed.toString());
    assertTrue(Files.readString(blocked.resolve("failure.txt")).contains("not empty"));
    String failures = Files.readString(failed.failuresFile());
    assertTrue(failures.contains("\"c20-p2-s3\"") && failures.contains("-continue"), failures);
    List<String> rows = Files.readAllLines(failed.resultsFile());
    assertEquals(1 + 2, rows.size(), String.join("\n", rows)); // the p0 cell's steps 0 and 2
    assertTrue(rows.stream().skip(1).allMatch(row -> row.startsWith("0,20,3,")), rows.toString());
    assertEquals(
        List.of(SftContinuation.CONTINUE_HEADER), Files.readAllLines(failed.persistenceFile()));
    assertEquals(List.of(3L), progress.maxima);
    assertEquals(3, progress.units);
    assertTrue(progress.messages.contains("c20-p0-s3 step 2/2"), progress.messages.toString());

    Files.delete(blocked.resolve("stray.txt"));
    SftGrid.Result fixed = SftGrid.run(spec, specFile, out, SftFixtures.task(), options);
    assertEquals(List.of(), fixed.failures());
    assertEquals(List.of(2, 1), List.of(fixed.trained(), fixed.readBack()));
    assertEquals(1 + 4, Files.readAllLines(fixed.resultsFile()).size());
    assertEquals(1 + 2, Files.readAllLines(fixed.persistenceFile()).size()); // steps 0 and 1
    assertEquals("{ }", Files.readString(fixed.failuresFile()).strip());
    assertFalse(Files.exists(blocked.resolve("failure.txt")));
  }
}
