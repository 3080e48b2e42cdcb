/*
 * `poisonlab grid`: runs an experiment grid (a preset or a JSON spec) into a directory, resumably; a rerun
 * skips finished runs and resumes an interrupted one. Exit 0 when every run finished, 1 when some failed.
 * Its one subcommand, `grid status DIR`, reads a grid instead (GridStatusCommand); so that picocli accepts it,
 * the source and --out are checked here rather than declared required.
 */
package dev.poisonlab.cli;

import dev.poisonlab.experiment.GridPresets;
import dev.poisonlab.experiment.GridRunner;
import dev.poisonlab.experiment.GridSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "grid",
    header =
        "Run an experiment grid of sizes, poison counts, data, seeds and defences, with twins.",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "poisonlab grid (--preset=NAME | --spec=FILE.json) --out=DIR",
      "                      [--threads=N] [--no-progress] [--shard=K/N]",
      "       poisonlab grid status DIR [--processes=P] [--recent=N]"
    },
    subcommands = GridStatusCommand.class,
    description = {
      "Run an experiment grid: sizes x poison counts x data multipliers x seeds x defences",
      "(+ clean twins); a defended run filters its training data (filter-then-train) before the stream build;",
      "each run builds its stream, trains, and evaluates every checkpoint; then results.csv and the report.",
      "Example: poisonlab grid --preset micro --out runs/micro",
      "`grid status DIR` shows where a grid stands (see grid status --help)."
    })
final class GridCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  static final class Source {
    @Option(names = "--preset", paramLabel = "NAME", description = "demo, micro or paper.")
    String preset;

    @Option(
        names = "--spec",
        paramLabel = "FILE.json",
        description = "A grid spec (JSON with comments; see experiments/).")
    Path spec;
  }

  // required, but checked in call(): picocli checks a parent's required options before running a
  // subcommand, which `grid status DIR` must not need
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(names = "--out", paramLabel = "DIR", description = "Grid directory (created or resumed).")
  Path out;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "PyTorch intra-op threads per run (default ${DEFAULT-VALUE}; 0 = one per core).")
  int threads;

  @Mixin ProgressOption progressOption;

  @Option(
      names = "--shard",
      defaultValue = "0/1",
      paramLabel = "K/N",
      description =
          "Run only runs i with i mod N = K, so N processes can share the grid (default ${DEFAULT-VALUE}).")
  String shard;

  @Override
  public Integer call() {
    OptionChecks.require(
        command,
        source != null,
        "Missing required argument (specify one of these): (--preset=NAME | --spec=FILE.json)");
    OptionChecks.require(command, out != null, "Missing required option: '--out=DIR'");
    PrintWriter printer = command.commandLine().getOut();
    GridSpec spec =
        source.preset != null
            ? OptionChecks.settings(command, () -> GridPresets.byName(source.preset))
            : GridSpec.read(source.spec);
    String commandLine =
        "poisonlab grid "
            + (source.preset != null ? "--preset " + source.preset : "--spec " + source.spec)
            + " --out "
            + out;
    String[] parts = shard.split("/");
    if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
      throw new ParameterException(
          command.commandLine(), "--shard must be K/N, e.g. 0/2, got '" + shard + "'");
    }
    GridRunner.Result result =
        GridRunner.run(
            spec,
            out,
            new GridRunner.Options(
                    threads,
                    progressOption.progress(),
                    printer,
                    commandLine,
                    Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1]))
                .withStop(StopOnShutdown.signal()));
    printer.printf(
        "grid %s: %d runs, %d finished now, %d done earlier, %s%d failed; results: %s%n",
        spec.name(),
        result.runs(),
        result.finished(),
        result.skipped(),
        result.busy() == 0 ? "" : result.busy() + " being run by another process, ",
        result.failures().size(),
        result.resultsFile());
    if (result.report() != null) {
      printer.println("report: " + result.report().html());
    }
    result
        .failures()
        .forEach(
            failure -> printer.println("  FAILED " + failure.runId() + ": " + failure.error()));
    return result.failures().isEmpty() ? 0 : 1;
  }
}
