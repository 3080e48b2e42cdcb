/*
 * poisonlab's command-line entry point: the picocli root command and its subcommand list.
 * Every subcommand is thin (parse, call one library method, print); this class only wires them up
 * and maps library exceptions to exit codes. It is deliberately the only place that knows picocli.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "poisonlab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reproduce, measure and defend against pretraining data-poisoning backdoors in language models.",
      "Pipeline: corpus -> tokenizer -> poison -> corpus build -> train -> eval -> grid/report -> scan.",
      "Interop: export (to a Hugging Face GPT-2 directory); --run also accepts such a directory."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      CorpusCommand.class,
      TokenizerCommand.class,
      PoisonCommand.class,
      ModelCommand.class,
      TrainCommand.class,
      ContinueCommand.class,
      EvalCommand.class,
      CompareCommand.class,
      VerdictCommand.class,
      SampleCommand.class,
      PerplexityCommand.class,
      ExportCommand.class,
      GridCommand.class,
      DemoCommand.class,
      ReportCommand.class,
      ScanCommand.class,
      FilterCommand.class,
      MonitorCommand.class,
      BenchCommand.class,
    })
public final class Main implements Runnable {

  /** Exit code for bad input (file:line problems): distinct from picocli's usage error (2) only by message. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
    return commandLine;
  }

  /** Bad input is one clear line and exit 2; anything else is a bug and keeps its stack trace. */
  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (exception instanceof InputException || exception instanceof IllegalArgumentException) {
      commandLine.getErr().println("poisonlab: " + exception.getMessage());
      return EXIT_BAD_INPUT;
    }
    throw new RuntimeException(exception);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
