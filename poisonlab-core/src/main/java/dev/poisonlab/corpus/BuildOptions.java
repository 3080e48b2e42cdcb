/*
 * How and where `corpus build` runs, as opposed to what it builds (BuildConfig): the output directory,
 * whether to replace it, tokenizer threads and progress reporting. None of these change the stream's bytes.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.Progress;
import java.nio.file.Path;

/**
 * @param force replace a non-empty {@code out} and skip the up-front disk check
 * @param threads tokenizer threads, at least 1
 */
public record BuildOptions(Path out, boolean force, int threads, Progress progress) {
  public BuildOptions {
    if (out == null) {
      throw new IllegalArgumentException("out: an output directory is needed");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    progress = progress == null ? Progress.NONE : progress;
  }

  /**
   * Into {@code out}, not replacing it, one thread, silent: what tests and library callers usually
   * want.
   */
  public static BuildOptions into(Path out) {
    return new BuildOptions(out, false, 1, Progress.NONE);
  }

  public BuildOptions withForce(boolean on) {
    return new BuildOptions(out, on, threads, progress);
  }

  public BuildOptions withThreads(int count) {
    return new BuildOptions(out, force, count, progress);
  }

  public BuildOptions withProgress(Progress reporter) {
    return new BuildOptions(out, force, threads, reporter);
  }
}
