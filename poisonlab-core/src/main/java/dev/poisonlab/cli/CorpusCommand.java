/*
 * `poisonlab corpus`: the parent of the corpus subcommands (fetch; others add build etc. to the list).
 * It does nothing itself but print its usage.
 */
package dev.poisonlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Obtain and prepare text corpora.",
    subcommands = {CorpusFetchCommand.class})
public final class CorpusCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
