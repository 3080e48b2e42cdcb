/*
 * A TrainObserver that draws a progress bar with ETA, loss and tokens/s on stderr; used by `train` and by the
 * grid runner. close() it when training returns (or fails).
 */
package dev.poisonlab.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

public final class ProgressObserver implements TrainObserver, AutoCloseable {
  private final String taskPrefix;
  private ProgressBar bar;

  public ProgressObserver(String taskPrefix) {
    this.taskPrefix = taskPrefix;
  }

  @Override
  public void started(long firstStep, long maxSteps, RunConfig config) {
    bar = new ProgressBarBuilder().setTaskName(taskPrefix + " " + config.preset()).setInitialMax(maxSteps)
        .startsFrom(firstStep - 1, Duration.ZERO).setUnit(" steps", 1).build();
  }

  @Override
  public boolean stepDone(MetricsLog.StepMetrics metrics) {
    bar.stepTo(metrics.step());
    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f, %.0f tok/s", metrics.loss(), metrics.tokensPerS()));
    return true;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
