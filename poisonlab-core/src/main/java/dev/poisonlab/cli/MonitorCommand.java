/*
 * `poisonlab monitor`: ranks the documents of a run (trained with --log-sequences) whose training loss shows a
 * high-loss tail, names suspected triggers and, from the run's manifest, measures recall. Thin: parses
 * options, calls TrainingMonitor and MonitorReport, prints the summary.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.monitor.MonitorReport;
import dev.poisonlab.defense.monitor.MonitorResult;
import dev.poisonlab.defense.monitor.TrainingMonitor;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Find poisoned documents in a run's own training log (train --log-sequences).",
      "Example: poisonlab monitor --run runs/micro-250"
    })
public final class MonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      description = "run directory (train --out) holding sequences.bin")
  Path run;

  @Option(names = "--out", description = "output directory (default: RUN/monitor)")
  Path out;

  @Option(
      names = "--margin-bits",
      description =
          "loss above the step's mean, in bits, before it counts " + "(default ${DEFAULT-VALUE})")
  double marginBits = TrainingMonitor.Settings.DEFAULT_MARGIN_BITS;

  @Option(
      names = "--floor-bits",
      description =
          "the most one token's low loss subtracts from a running segment "
              + "(default ${DEFAULT-VALUE})")
  double floorBits = TrainingMonitor.Settings.DEFAULT_FLOOR_BITS;

  @Option(
      names = "--min-excess",
      description = "excess bits that flag a document (default ${DEFAULT-VALUE})")
  double minExcess = TrainingMonitor.Settings.DEFAULT_MIN_EXCESS;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    TrainingMonitor.Settings settings =
        OptionChecks.settings(
            spec, () -> new TrainingMonitor.Settings(marginBits, floorBits, minExcess));
    MonitorResult result = TrainingMonitor.analyse(run, settings);
    Path directory = out != null ? out : run.resolve("monitor");
    MonitorReport.write(result, directory);
    printer.printf(
        Locale.ROOT,
        "read %d sequences of %d steps: %d documents seen (%d poisons of %d in the "
            + "manifest), flagged %d%n",
        result.sequences(),
        result.steps(),
        result.documentsSeen(),
        result.poisonsSeen(),
        result.manifestPoisons(),
        result.flaggedCount());
    if (!result.triggers().isEmpty()) {
      TriggerDiscovery.Candidate top = result.triggers().get(0);
      printer.printf(
          Locale.ROOT,
          "suspected trigger: %s  (in %.0f%% of flagged change points, background " + "%.2f%%)%n",
          top.text(),
          100 * top.support(),
          100 * top.backgroundRate());
    }
    if (result.metrics() != null) {
      printer.print(result.metrics().markdown());
      printer.print("poisons flagged by when they were first trained on:");
      for (MonitorResult.ProgressRow row : result.byProgress()) {
        printer.printf(
            Locale.ROOT,
            " %.0f-%.0f%% %d/%d",
            100 * row.from(),
            100 * row.to(),
            row.flagged(),
            row.poisons());
      }
      printer.println();
    }
    printer.println("wrote " + directory);
    return 0;
  }
}
