/*
 * The --threads option of the commands that generate text (eval, sample, bench generate), as a picocli
 * @Mixin: one PyTorch intra-op thread by default, since small models decode fastest on one.
 * Not for training commands, whose default (0 = one per core) differs.
 */
package dev.poisonlab.cli;

import dev.poisonlab.model.TorchRuntime;
import picocli.CommandLine.Option;

final class GenerationThreadsOption {
  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "PyTorch intra-op threads, 0 = one per core (default: ${DEFAULT-VALUE}; small models decode"
              + " fastest on one).")
  int threads;

  /** Sets PyTorch's thread count; call before the first model is loaded. */
  void apply() {
    TorchRuntime.setThreads(threads);
  }
}
