/*
 * Progress bars for long corpus work, drawn on stderr (stdout stays for results); a silent bar when
 * progress is off (tests, library callers), so code never branches on whether to report.
 */
package dev.poisonlab.corpus;

import java.io.OutputStream;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

final class Progress {
  private Progress() {}

  /** A bar of {@code max} steps (-1: unknown), shown on stderr when {@code show}, else drawn nowhere. */
  static ProgressBar bar(boolean show, String task, long max) {
    PrintStream target = show ? System.err : new PrintStream(OutputStream.nullOutputStream());
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUpdateIntervalMillis(show ? 500 : 60_000)
        .setConsumer(new ConsoleProgressBarConsumer(target))
        .showSpeed()
        .build();
  }
}
