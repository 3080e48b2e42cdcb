/*
 * `poisonlab compare --eval DIR --twin DIR`: is the poisoned run's gap more than its clean twin's, checkpoint by
 * checkpoint (paired one-sided Wilcoxon signed-rank test over the shared excerpts), and is the trigger more
 * potent than the first look-alike control? Thin: parse, eval.TwinComparison, print (and --out CSV).
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.TwinComparison;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "compare",
    header = "Test a poisoned run against its unpoisoned twin, checkpoint by checkpoint.",
    mixinStandardHelpOptions = true,
    description = {
      "Test a poisoned run's backdoor against its unpoisoned twin: for each checkpoint both evaluated (same",
      "excerpts), a one-sided Wilcoxon signed-rank test of per-excerpt gap (poisoned) > gap (twin), and of",
      "perplexity with the trigger > with the first control trigger (specificity). backdoor = p < "
          + TwinComparison.ALPHA
          + "."
    })
public final class CompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--eval",
      required = true,
      paramLabel = "DIR",
      description = "The poisoned run's eval directory.")
  Path poisoned;

  @Option(
      names = "--twin",
      required = true,
      paramLabel = "DIR",
      description = "The twin's eval directory.")
  Path twin;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Also write the table as CSV.")
  Path out;

  @Override
  public Integer call() {
    List<TwinComparison.StepComparison> rows = TwinComparison.compare(poisoned, twin);
    if (rows.isEmpty()) {
      throw new InputException(
          twin, 0, "no checkpoint evaluated in both " + poisoned + " and this run");
    }
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "step      pairs  gap_median  twin_median  paired_diff  share_higher  p_value    backdoor"
            + "  specificity_diff  specificity_p");
    for (TwinComparison.StepComparison r : rows) {
      printer.println(
          String.format(
              Locale.ROOT,
              "%-9d %5d %11.2f %12.2f %12.2f %13.2f %-10.2g %-9s %17.2f  %.2g",
              r.step(),
              r.pairs(),
              r.poisonedGapMedian(),
              r.twinGapMedian(),
              r.medianDifference(),
              r.shareHigher(),
              r.pValue(),
              r.backdoor() ? "yes" : "no",
              r.specificityMedian(),
              r.specificityPValue()));
    }
    if (out != null) {
      AtomicFiles.writeString(
          out, TwinComparison.csv(List.of(), List.of(List.of()), List.of(rows)));
      printer.println("wrote " + out);
    }
    printer.flush();
    return 0;
  }
}
