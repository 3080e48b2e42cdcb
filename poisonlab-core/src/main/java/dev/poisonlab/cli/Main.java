/*
 * poisonlab's command-line entry point: the picocli root command and its subcommand list.
 * Every subcommand is thin (parse, call one library method, print); this class only wires them up
 * and maps library exceptions to exit codes: bad input and I/O failures (no space, read-only, permission
 * denied, not a directory) are one line and exit 2, with a stack trace only under --debug. It is deliberately
 * the only place that knows picocli.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.TorchRuntime;
import dev.poisonlab.train.StopSignal;
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
      FinetuneCommand.class,
      EvalCommand.class,
      CompareCommand.class,
      VerdictCommand.class,
      RescoreCommand.class,
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

  /**
   * Exit code for bad input (file:line problems): distinct from picocli's usage error (2) only by
   * message.
   */
  public static final int EXIT_BAD_INPUT = 2;

  /** Training stopped on Ctrl-C or SIGTERM with a resume state saved (128 + SIGINT, by custom). */
  public static final int EXIT_STOPPED = 130;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, also print the stack trace (for bug reports).")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Columns of --help. The commands' descriptions are written as lines of up to 108 characters; at
   * picocli's default of 80 each such line wrapped on its own and the help read raggedly.
   */
  static final int USAGE_WIDTH = 112;

  static {
    // every command that loads the engine (export, sample, ...), not only those that go through
    // TorchRuntime
    TorchRuntime.quietCudaProbe();
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setUsageHelpWidth(USAGE_WIDTH);
    commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
    commandLine.setParameterExceptionHandler(Main::handleParameterException);
    return commandLine;
  }

  /**
   * Bad input (InputException) and I/O failures are one clear line and exit 2 (with the trace too
   * under --debug); a stop on request (StopSignal.Stopped) is one line and exit 130; bad options
   * are picocli's ParameterException (usage, exit 2) before this handler; anything else is a bug
   * and keeps its stack trace.
   */
  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (exception instanceof StopSignal.Stopped) {
      commandLine.getErr().println("poisonlab: " + exception.getMessage() + "; rerun to go on");
      commandLine.getErr().flush();
      return EXIT_STOPPED;
    }
    String line =
        exception instanceof InputException
            ? exception.getMessage()
            : IoFailures.describe(exception);
    if (line == null) {
      throw new RuntimeException(exception);
    }
    if (debugRequested(parseResult)) {
      exception.printStackTrace(commandLine.getErr());
    }
    commandLine.getErr().println("poisonlab: " + line);
    commandLine.getErr().flush();
    return EXIT_BAD_INPUT;
  }

  /**
   * A bad option (picocli's own parse errors and OptionChecks' ParameterExceptions) is one line and
   * exit 2, like bad input: "poisonlab: MESSAGE (see COMMAND --help)"; the full usage would bury
   * the one line that matters.
   */
  private static int handleParameterException(
      CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    commandLine
        .getErr()
        .println(
            "poisonlab: "
                + exception.getMessage()
                + " (see "
                + commandLine.getCommandSpec().qualifiedName()
                + " --help)");
    commandLine.getErr().flush();
    return EXIT_BAD_INPUT;
  }

  /** --debug given at any level of the command line (it is inherited by every subcommand). */
  private static boolean debugRequested(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    StopOnShutdown.commandDone();
    System.exit(code);
  }
}
