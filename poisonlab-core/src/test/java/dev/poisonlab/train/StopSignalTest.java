/*
 * Stopping training on request (Ctrl-C, SIGTERM) loses nothing: a stop between checkpoints saves a resume state
 * under resume/, not checkpoints/ (evaluation must not see an extra step), and the rerun ends bit-identical to
 * an uninterrupted run; the next checkpoint removes the resume state. Negative controls: a kill without the
 * signal resumes from the last checkpoint, and a corrupt resume state is skipped for it. Also the signal's
 * wait: at once with no loop, until the loop has saved and returned, or a timeout.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.model.GptCheckpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopSignalTest {
  @TempDir Path dir;

  /** Raises its signal after step {@code stopAfter}, from the training thread itself. */
  static final class StopAfter implements TrainObserver {
    final StopSignal signal = new StopSignal();
    final List<String> warnings = new ArrayList<>();
    final long stopAfter;

    StopAfter(long stopAfter) {
      this.stopAfter = stopAfter;
    }

    @Override
    public boolean stepDone(MetricsLog.StepMetrics metrics) {
      if (metrics.step() == stopAfter) {
        signal.requestAndAwait(Duration.ZERO);
      }
      return true;
    }

    @Override
    public StopSignal stopSignal() {
      return signal;
    }

    @Override
    public void warning(String line) {
      warnings.add(line);
    }
  }

  private static List<String> names(List<Path> directories) {
    return directories.stream().map(p -> p.getFileName().toString()).toList();
  }

  @Test
  void aStopBetweenCheckpointsSavesAResumeStateAndTheRerunEndsBitIdentical() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    TrainResult straight =
        Trainer.train(ResumeFixtures.request(data, dir.resolve("straight")), TrainObserver.NONE);
    Path run = dir.resolve("run");

    TrainResult stopped = Trainer.train(ResumeFixtures.request(data, run), new StopAfter(6));

    assertTrue(stopped.stoppedEarly());
    assertEquals(6, stopped.finalStep());
    assertEquals(ResumeState.directoryFor(run, 6), stopped.lastCheckpoint());
    assertEquals(List.of("step-00000004"), names(TrainCheckpoint.list(run)), "none at step 6");
    assertEquals(List.of("step-00000006"), names(ResumeState.list(run)));

    TrainResult resumed = Trainer.train(ResumeFixtures.request(data, run), TrainObserver.NONE);

    assertEquals(6, resumed.resumedFromStep());
    ResumeFixtures.assertSameFinalCheckpoint(straight, resumed);
    assertEquals(
        List.of("step-00000004", "step-00000008", "step-00000012"),
        names(TrainCheckpoint.list(run)));
    assertEquals(List.of(), ResumeState.list(run), "checkpoint 8 superseded it");
  }

  @Test
  void aStopAtACheckpointStepSavesNoResumeState() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    Path run = dir.resolve("run");

    TrainResult stopped = Trainer.train(ResumeFixtures.request(data, run), new StopAfter(8));

    assertEquals(8, stopped.finalStep());
    assertEquals(TrainCheckpoint.directoryFor(run, 8), stopped.lastCheckpoint());
    assertEquals(List.of(), ResumeState.list(run));
    assertEquals(
        8, Trainer.train(ResumeFixtures.request(data, run), TrainObserver.NONE).resumedFromStep());
  }

  /** Negative control: stopping the loop without the signal (as a kill does) saves nothing. */
  @Test
  void aKillWithoutTheSignalResumesFromTheLastCheckpoint() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    Path run = dir.resolve("run");
    Trainer.train(
        ResumeFixtures.request(data, run),
        new TrainObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            return metrics.step() < 6;
          }
        });

    assertEquals(List.of(), ResumeState.list(run));
    assertEquals(
        4, Trainer.train(ResumeFixtures.request(data, run), TrainObserver.NONE).resumedFromStep());
  }

  @Test
  void aCorruptResumeStateIsSkippedForTheLastCheckpoint() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    TrainResult straight =
        Trainer.train(ResumeFixtures.request(data, dir.resolve("straight")), TrainObserver.NONE);
    Path run = dir.resolve("run");
    Trainer.train(ResumeFixtures.request(data, run), new StopAfter(6));
    VerifiedResumeTest.flipLastByte(
        ResumeState.directoryFor(run, 6).resolve(GptCheckpoint.WEIGHTS_FILE));

    StopAfter rerun = new StopAfter(Long.MAX_VALUE);
    TrainResult resumed = Trainer.train(ResumeFixtures.request(data, run), rerun);

    assertEquals(4, resumed.resumedFromStep());
    assertEquals(1, rerun.warnings.size(), rerun.warnings.toString());
    assertTrue(
        rerun.warnings.get(0).contains("skipping resume state step-00000006"),
        rerun.warnings.get(0));
    ResumeFixtures.assertSameFinalCheckpoint(straight, resumed);
  }

  /**
   * The requester (the CLI's shutdown hook, another thread) returns only once the resume state is
   * on disk: the JVM halts as soon as the hook returns.
   */
  @Test
  void aRequestFromAnotherThreadReturnsOnlyAfterTheSave() throws Exception {
    Path data = ResumeFixtures.stream(dir.resolve("stream"));
    Path run = dir.resolve("run");
    StopSignal signal = new StopSignal();
    CountDownLatch atStep3 = new CountDownLatch(1);
    TrainObserver observer =
        new TrainObserver() {
          @Override
          public boolean stepDone(MetricsLog.StepMetrics metrics) {
            if (metrics.step() == 3) {
              atStep3.countDown();
              while (!signal.isRequested()) { // the request arrives during step 3
                Thread.onSpinWait();
              }
            }
            return true;
          }

          @Override
          public StopSignal stopSignal() {
            return signal;
          }
        };
    Thread training = new Thread(() -> Trainer.train(ResumeFixtures.request(data, run), observer));
    training.start();
    atStep3.await();

    StopSignal.Outcome outcome = signal.requestAndAwait(Duration.ofMinutes(1));

    assertEquals(StopSignal.Outcome.STOPPED, outcome);
    assertEquals(List.of("step-00000003"), names(ResumeState.list(run)));
    training.join();
  }

  @Test
  void aRequestWithNoLoopRunningReturnsAtOnce() {
    StopSignal signal = new StopSignal();
    assertEquals(StopSignal.Outcome.IDLE, signal.requestAndAwait(Duration.ofMinutes(1)));
    assertTrue(signal.isRequested());
    assertThrows(IllegalStateException.class, () -> StopSignal.NONE.requestAndAwait(Duration.ZERO));
    assertFalse(StopSignal.NONE.isRequested());
  }

  @Test
  void aRequestWaitsForTheLoopToReturnOrTimesOut() throws Exception {
    StopSignal signal = new StopSignal();
    signal.enter();
    assertEquals(StopSignal.Outcome.TIMED_OUT, signal.requestAndAwait(Duration.ofMillis(20)));
    Thread loop =
        new Thread(
            () -> {
              while (!signal.isRequested()) {
                Thread.onSpinWait();
              }
              signal.exit();
            });
    loop.start();
    assertEquals(StopSignal.Outcome.STOPPED, signal.requestAndAwait(Duration.ofMinutes(1)));
    loop.join();
  }
}
