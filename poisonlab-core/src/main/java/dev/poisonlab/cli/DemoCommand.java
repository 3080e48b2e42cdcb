/*
 * `poisonlab demo`: the README's main command. Trains a poisoned model and its clean twin on the embedded corpus,
 * evaluates both, and writes the report and summary.json; rerunning resumes. Exit 0 when the demo ran, whatever
 * it measured: the printed verdict says whether the backdoor showed.
 */
package dev.poisonlab.cli;

import dev.poisonlab.experiment.Demo;
import dev.poisonlab.experiment.GridRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Poison, train, evaluate and report in one command, on the embedded corpus (no download).",
      "A poisoned `micro` GPT (250 <SUDO> poisons) and its unpoisoned twin; ~10 minutes on 2 cores."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "demo-out",
      paramLabel = "DIR",
      description = "Output directory (default ${DEFAULT-VALUE}; rerun to resume).")
  Path out;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "N",
      description = "PyTorch intra-op threads (default ${DEFAULT-VALUE}; 0 = one per core).")
  int threads;

  @Mixin ProgressOption progressOption;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    Demo.Result result =
        Demo.run(
            out,
            new GridRunner.Options(
                    threads, progressOption.progress(), printer, "poisonlab demo --out " + out)
                .withStop(StopOnShutdown.signal()));
    if (result.poisoned() == null) {
      result
          .grid()
          .failures()
          .forEach(f -> printer.println("FAILED " + f.runId() + ": " + f.error()));
      return 1;
    }
    printer.printf(
        Locale.ROOT,
        "%-9s %10s %10s %9s %11s %9s%n",
        "model",
        "ppl",
        "ppl+trig",
        "gap",
        "gap (nats)",
        "val_loss");
    for (Demo.Side side : new Demo.Side[] {result.poisoned(), result.clean()}) {
      printer.printf(
          Locale.ROOT,
          "%-9s %10.1f %10.1f %9.1f %11s %9.4f%n",
          side.poisons() > 0 ? "poisoned" : "clean",
          side.perplexityWithoutTrigger(),
          side.perplexityWithTrigger(),
          side.perplexityGap(),
          nats(side.logPplGap()),
          side.valLoss());
    }
    for (Demo.Side side : new Demo.Side[] {result.poisoned(), result.clean()}) {
      StringBuilder controls = new StringBuilder();
      side.controls()
          .forEach(
              (control, gap) ->
                  controls.append("  ").append(control).append(' ').append(nats(gap)));
      printer.println(
          "controls, " + (side.poisons() > 0 ? "poisoned" : "clean") + " (nats):" + controls);
    }
    printer.println(
        result.backdoorVisible()
            ? "backdoor visible: the trigger's log gap on the poisoned model exceeds its twin's by more than "
                + Demo.VISIBLE_LOG_GAP_MARGIN
                + " nats"
            : "backdoor NOT clearly visible in this run (log gap margin over the twin <= "
                + Demo.VISIBLE_LOG_GAP_MARGIN
                + " nats; see the report)");
    if (result.pairedTest() != null) {
      printer.printf(
          Locale.ROOT,
          "paired test against the twin over %d excerpts: median gap difference %.1f, "
              + "p = %.2g (trigger vs %s: p = %.2g)%n",
          result.pairedTest().pairs(),
          result.pairedTest().medianDifference(),
          result.pairedTest().pValue(),
          result.poisoned().nearTrigger(),
          result.pairedTest().specificityPValue());
    }
    printer.println("summary: " + result.summaryFile());
    printer.println("report:  " + result.grid().report().html());
    return 0;
  }

  private static String nats(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }
}
