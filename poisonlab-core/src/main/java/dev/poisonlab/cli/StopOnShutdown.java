/*
 * Ctrl-C and SIGTERM for the commands that train (train, grid, demo, continue): a JVM shutdown hook raises the
 * process's StopSignal, waits until training has saved a resume state after the step in progress, then gives
 * the command a moment to print its last line. With no training running the hook returns at once and the JVM
 * exits as before (evaluation and stream builds resume per checkpoint or start over). SIGKILL skips all this
 * and loses the steps since the last checkpoint.
 */
package dev.poisonlab.cli;

import dev.poisonlab.train.StopSignal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

final class StopOnShutdown {
  /** Longer than a step and a save of the largest CPU model here (small: ~2 s and ~1 s). */
  private static final Duration WAIT = Duration.ofMinutes(2);

  /** For the command's own line ("stopped at step N ...") after training has stopped. */
  private static final long LAST_LINE_SECONDS = 5;

  private static final CountDownLatch COMMAND_DONE = new CountDownLatch(1);
  private static StopSignal signal;

  private StopOnShutdown() {}

  /** The process's signal; the first call installs the hook. */
  static synchronized StopSignal signal() {
    if (signal == null) {
      StopSignal created = new StopSignal();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(created), "poisonlab-stop"));
      signal = created;
    }
    return signal;
  }

  /** Main calls this when the command has returned, so a waiting hook need not wait longer. */
  static void commandDone() {
    COMMAND_DONE.countDown();
  }

  private static void onShutdown(StopSignal stop) {
    switch (stop.requestAndAwait(WAIT)) {
      case IDLE -> {}
      case STOPPED -> awaitCommand();
      case TIMED_OUT ->
          System.err.println(
              "poisonlab: training did not stop within "
                  + WAIT.toMinutes()
                  + " min; it resumes from its last checkpoint");
    }
  }

  private static void awaitCommand() {
    try {
      COMMAND_DONE.await(LAST_LINE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
