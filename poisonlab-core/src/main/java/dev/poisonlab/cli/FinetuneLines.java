/*
 * The finetune command's SftObserver: plain lines on stderr, about ten per run plus warnings and each evaluated
 * checkpoint; in a grid (quiet) only warnings, since the grid prints one line per run and draws a progress bar.
 * Printing only; what is reported comes from finetune.
 */
package dev.poisonlab.cli;

import dev.poisonlab.finetune.SftMetrics;
import dev.poisonlab.finetune.SftObserver;
import dev.poisonlab.train.MetricsLog;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

final class FinetuneLines implements SftObserver {
  private final Supplier<PrintWriter> err;
  private final boolean quiet;
  private long every = 1;

  /** {@code err}: stderr, flushed before each line; {@code quiet}: warnings only. */
  FinetuneLines(Supplier<PrintWriter> err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public void started(long firstStep, long maxSteps, int examples) {
    every = Math.max(1, maxSteps / 10);
    line("finetune: " + examples + " examples, from step " + firstStep + " to " + maxSteps);
  }

  @Override
  public boolean stepDone(MetricsLog.StepMetrics metrics) {
    if (metrics.step() % every == 0) {
      line(
          String.format(
              Locale.ROOT,
              "finetune: step %d loss %.4f lr %.2e",
              metrics.step(),
              metrics.loss(),
              metrics.lr()));
    }
    return true;
  }

  @Override
  public void warning(String text) {
    PrintWriter out = err.get();
    out.println("poisonlab: warning: " + text);
    out.flush();
  }

  @Override
  public void evaluated(SftMetrics metrics) {
    line(
        String.format(
            Locale.ROOT, "finetune: evaluated step %d (asr %.3f)", metrics.step(), metrics.asr()));
  }

  private void line(String text) {
    if (!quiet) {
      PrintWriter out = err.get();
      out.println(text);
      out.flush();
    }
  }
}
