/*
 * The --no-progress option as a picocli @Mixin, shared by every command that draws progress bars (train, eval,
 * grid, corpus build, ...): bars on stderr by default, none with the flag, for logs and scripts. The bars
 * themselves are ProgressBars; the library only ever sees an io.Progress.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.Progress;
import picocli.CommandLine.Option;

final class ProgressOption {
  @Option(
      names = "--no-progress",
      description = "No progress bars on stderr (for logs and scripts).")
  boolean noProgress;

  /** Where the command reports progress: the bars, or nowhere under --no-progress. */
  Progress progress() {
    return ProgressBars.orNone(!noProgress);
  }
}
