/*
 * A request from another thread to stop training at the next step with nothing lost: the loop saves a resume
 * state (ResumeState) and returns; the requester (the CLI's shutdown hook, on Ctrl-C or a kill's SIGTERM)
 * waits until every loop that watches this signal has returned, and not at all when none is running. Not a
 * way to interrupt evaluation or a stream build: those resume per checkpoint or start over anyway.
 */
package dev.poisonlab.train;

import java.time.Duration;

public final class StopSignal {
  /** A signal nobody raises: what a driver without a stop button passes. */
  public static final StopSignal NONE = new StopSignal();

  private boolean requested;
  private int running;

  /** Thrown by the driver of a run that stopped on request, so its caller records nothing. */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Stopped(String message) {
      super(message);
    }
  }

  public synchronized boolean isRequested() {
    return requested;
  }

  /** A training loop that watches this signal starts. */
  synchronized void enter() {
    running++;
  }

  /** A loop that entered has returned (stopped and saved, finished, or failed). */
  synchronized void exit() {
    running--;
    notifyAll();
  }

  /** What a request found: no loop running, every loop stopped and saved, or a timeout. */
  public enum Outcome {
    IDLE,
    STOPPED,
    TIMED_OUT
  }

  /**
   * Asks every watching loop to save and stop, and waits up to {@code timeout} until all have
   * returned (an interruption counts as a timeout).
   */
  public synchronized Outcome requestAndAwait(Duration timeout) {
    // NONE is shared by every driver without a stop button: raising it would stop them all
    if (this == NONE) {
      throw new IllegalStateException("StopSignal.NONE cannot be raised; use a new StopSignal");
    }
    requested = true;
    if (running == 0) {
      return Outcome.IDLE;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Outcome.TIMED_OUT;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return Outcome.STOPPED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.TIMED_OUT;
    }
  }
}
