/*
 * The CLI's Progress: one me.tongfei progress bar per task on stderr, so stdout stays for results. The only
 * place that draws bars: the library, the Spark scan engine included, reports through io.Progress.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.Progress;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

final class ProgressBars implements Progress {
  static final ProgressBars STDERR = new ProgressBars();

  private ProgressBars() {}

  /**
   * Bars on stderr when {@code show} (a command's --no-progress is the usual reason not to), else
   * nothing.
   */
  static Progress orNone(boolean show) {
    return show ? STDERR : Progress.NONE;
  }

  @Override
  public Task start(String task, long max, String unit, long from) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .showSpeed();
    if (unit != null && !unit.isEmpty()) {
      builder.setUnit(" " + unit, 1);
    }
    if (from > 0) {
      builder.startsFrom(from, Duration.ZERO);
    }
    return new Bar(builder.build());
  }

  private record Bar(ProgressBar bar) implements Task {
    @Override
    public void stepBy(long units) {
      bar.stepBy(units);
    }

    @Override
    public void stepTo(long units) {
      bar.stepTo(units);
    }

    @Override
    public void message(String text) {
      bar.setExtraMessage(text);
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
