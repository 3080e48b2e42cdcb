/*
 * A TrainObserver that reports steps, loss and tokens/s to an io.Progress (the CLI's progress bars; with
 * Progress.NONE it reports nothing), passes warnings on and hands training a stop signal (given by `train`
 * and the grid runner; `continue`'s segments do not pass one on); used by `train`, `continue` and the grid.
 * close() it when training returns (or fails). It draws nothing itself: the library leaves the terminal to the CLI.
 */
package dev.poisonlab.train;

import dev.poisonlab.io.Progress;
import java.util.Locale;
import java.util.function.Consumer;

public final class ProgressObserver implements TrainObserver, AutoCloseable {
  private final String taskPrefix;
  private final Progress progress;
  private final Consumer<String> warnings;
  private final StopSignal stop;
  private Progress.Task task;

  /**
   * @param warnings where training warnings go (the CLI: stderr; the grid: its log)
   */
  public ProgressObserver(String taskPrefix, Progress progress, Consumer<String> warnings) {
    this(taskPrefix, progress, warnings, StopSignal.NONE);
  }

  /**
   * @param stop the signal that stops training with a resume state saved (the CLI's Ctrl-C)
   */
  public ProgressObserver(
      String taskPrefix, Progress progress, Consumer<String> warnings, StopSignal stop) {
    this.taskPrefix = taskPrefix;
    this.progress = progress;
    this.warnings = warnings;
    this.stop = stop;
  }

  @Override
  public void started(long firstStep, long maxSteps, RunConfig config) {
    task = progress.start(taskPrefix + " " + config.preset(), maxSteps, "steps", firstStep - 1);
  }

  @Override
  public boolean stepDone(MetricsLog.StepMetrics metrics) {
    task.stepTo(metrics.step());
    task.message(
        String.format(Locale.ROOT, "loss %.3f, %.0f tok/s", metrics.loss(), metrics.tokensPerS()));
    return true;
  }

  @Override
  public StopSignal stopSignal() {
    return stop;
  }

  @Override
  public void warning(String line) {
    warnings.accept(line);
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
