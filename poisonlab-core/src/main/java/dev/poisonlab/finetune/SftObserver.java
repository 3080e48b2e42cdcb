/*
 * How the SFT stage reports progress without knowing any terminal: the CLI implements it with a bar and
 * lines, tests with NONE. stepDone returning false stops training after that step (as a kill would, but
 * cleanly), which is how the resume test interrupts a run.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.train.MetricsLog;

public interface SftObserver {
  SftObserver NONE = new SftObserver() {};

  default void started(long firstStep, long maxSteps, int examples) {}

  /** After each step; false stops the run there. */
  default boolean stepDone(MetricsLog.StepMetrics metrics) {
    return true;
  }

  default void warning(String line) {}

  default void evaluated(SftMetrics metrics) {}
}
