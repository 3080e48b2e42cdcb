/*
 * A grid stopped on request (the CLI's Ctrl-C or SIGTERM) mid-training: the run under way saves a resume
 * state and the grid ends with StopSignal.Stopped, recording no failure and no results; the rerun resumes
 * there and every run's rows equal those of a grid that was never stopped.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Progress;
import dev.poisonlab.train.ResumeState;
import dev.poisonlab.train.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridStopTest {
  private static final String TWIN = "nano-p0-x0.02-s1";
  private static final String POISONED = "nano-p2-x0.02-s1";

  @TempDir Path dir;

  /** Progress that raises {@code signal} when a training task reaches {@code step}. */
  private static Progress stopAtStep(StopSignal signal, long step) {
    return (task, max, unit, from) ->
        !task.startsWith("train")
            ? Progress.Task.NONE
            : new Progress.Task() {
              @Override
              public void stepBy(long units) {}

              @Override
              public void stepTo(long units) {
                if (units == step) {
                  signal.requestAndAwait(Duration.ZERO);
                }
              }

              @Override
              public void message(String text) {}

              @Override
              public void close() {}
            };
  }

  @Test
  void aStoppedGridRecordsNothingAndItsRerunEqualsAnUnstoppedGrid() throws Exception {
    Path corpus = TinyGrids.corpus(dir);
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(2), corpus);
    Path straight = dir.resolve("straight");
    GridRunner.run(spec, straight, TinyGrids.quiet());
    Path grid = dir.resolve("grid");
    StopSignal signal = new StopSignal();
    GridRunner.Options stopping =
        new GridRunner.Options(
                1,
                stopAtStep(signal, 5),
                new java.io.PrintWriter(java.io.Writer.nullWriter()),
                "test")
            .withStop(signal);

    StopSignal.Stopped stopped =
        assertThrows(StopSignal.Stopped.class, () -> GridRunner.run(spec, grid, stopping));

    assertTrue(stopped.getMessage().contains(TWIN + ": stopped at step 5"), stopped.getMessage());
    Path twin = grid.resolve("runs").resolve(TWIN);
    assertEquals(
        List.of(ResumeState.directoryFor(twin.resolve("train"), 5)),
        ResumeState.list(twin.resolve("train")));
    for (String file : new String[] {GridRunner.ROWS_FILE, GridRunner.FAILURE_FILE, "eval"}) {
      assertFalse(Files.exists(twin.resolve(file)), file + " written by a stopped grid");
    }
    assertFalse(Files.exists(grid.resolve("failures.json")), "a stop is not a failure");
    assertFalse(Files.exists(grid.resolve("runs").resolve(POISONED)), "the next run not started");

    GridRunner.Result rerun = GridRunner.run(spec, grid, TinyGrids.quiet());

    assertEquals(2, rerun.finished());
    for (String run : List.of(TWIN, POISONED)) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("runs").resolve(run).resolve(GridRunner.ROWS_FILE)),
          Files.readAllBytes(grid.resolve("runs").resolve(run).resolve(GridRunner.ROWS_FILE)),
          run);
    }
    assertEquals(List.of(), ResumeState.list(twin.resolve("train")));
  }
}
