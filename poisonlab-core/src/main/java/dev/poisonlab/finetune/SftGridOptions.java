/*
 * How a fine-tuning grid runs, apart from what it computes: device and threads (speed only), where progress
 * goes (io.Progress: the CLI draws a bar, tests pass NONE), a PrintWriter for one line per run, and an
 * SftObserver for each run's warnings and steps. Defaults live only in Builder.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.io.Progress;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Objects;

public record SftGridOptions(
    String device, int threads, Progress progress, PrintWriter log, SftObserver observer) {

  public SftGridOptions {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(observer, "observer");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: cpu, one thread per core, no progress, no lines, SftObserver.NONE. */
  public static final class Builder {
    private String device = "cpu";
    private int threads = 0;
    private Progress progress = Progress.NONE;
    private PrintWriter log = new PrintWriter(Writer.nullWriter(), true);
    private SftObserver observer = SftObserver.NONE;

    public Builder optDevice(String value) {
      device = value;
      return this;
    }

    public Builder optThreads(int value) {
      threads = value;
      return this;
    }

    public Builder optProgress(Progress value) {
      progress = value;
      return this;
    }

    public Builder optLog(PrintWriter value) {
      log = value;
      return this;
    }

    public Builder optObserver(SftObserver value) {
      observer = value;
      return this;
    }

    public SftGridOptions build() {
      return new SftGridOptions(device, threads, progress, log, observer);
    }
  }
}
