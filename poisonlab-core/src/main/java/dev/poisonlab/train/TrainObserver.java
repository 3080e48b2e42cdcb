/*
 * Hooks for whoever drives training (the CLI's progress bar, tests that simulate a kill, tests that collect
 * warnings). Not a logger, and the library prints nothing: a warning nobody observes is dropped.
 */
package dev.poisonlab.train;

public interface TrainObserver {
  TrainObserver NONE = new TrainObserver() {};

  /** Called once before the first step this call runs; {@code firstStep} is 1-based. */
  default void started(long firstStep, long maxSteps, RunConfig config) {}

  /** Called after every step; returning false stops training right there, as a kill would. */
  default boolean stepDone(MetricsLog.StepMetrics metrics) {
    return true;
  }

  /**
   * The signal this driver raises to stop training with nothing lost (a resume state saved after
   * the step in progress); by default none.
   */
  default StopSignal stopSignal() {
    return StopSignal.NONE;
  }

  /** A one-line warning that does not stop training (a skipped checkpoint); by default dropped. */
  default void warning(String line) {}
}
