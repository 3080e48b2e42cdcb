/*
 * Hooks for whoever drives training (the CLI's progress bar, tests that simulate a kill, tests that collect
 * warnings). Not a logger: warnings go to stderr unless an observer takes them.
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

  /** A one-line warning that does not stop training (a skipped checkpoint); by default printed to stderr. */
  default void warning(String line) {
    System.err.println("poisonlab: warning: " + line);
  }
}
