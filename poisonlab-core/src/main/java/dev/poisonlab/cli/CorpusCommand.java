/*
 * `poisonlab corpus`: the parent of corpus subcommands (build). Prints its usage when run alone.
 */
package dev.poisonlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Corpus and training-stream commands.",
    subcommands = {CorpusBuildCommand.class})
public final class CorpusCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
