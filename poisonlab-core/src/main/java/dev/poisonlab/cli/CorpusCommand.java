/*
 * `poisonlab corpus`: the parent of the corpus subcommands (fetch a real corpus, build a training stream).
 * It does nothing itself but print its usage.
 */
package dev.poisonlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Obtain text corpora and build poisoned training streams.",
    subcommands = {CorpusFetchCommand.class, CorpusBuildCommand.class})
public final class CorpusCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
