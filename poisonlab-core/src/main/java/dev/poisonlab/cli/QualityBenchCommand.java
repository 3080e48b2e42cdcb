/*
 * `poisonlab bench quality`: the clean-text false-positive rate of the gopher, c4 and fineweb rules per
 * source file, and of any of them (the `quality` defence; see QualityFalsePositives). Thin: parses options,
 * runs the measurement, prints a table.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.detect.QualityFalsePositives;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = {
      "False-positive rate of the quality-rule baselines on clean text, per source file.",
      "Detector 'any': flagged by at least one, what the grid's quality defence drops; its last",
      "column names the detectors that fired.",
      "Example: poisonlab bench quality --corpus embedded embedded:heldout data/pretrain"
    })
final class QualityBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Override
  public Integer call() {
    QualityFalsePositives.Report report =
        QualityFalsePositives.measure(corpus.paths(), corpus.readOptions());
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "| source | detector | documents | flagged | FPR "
            + "| first rule (any: detectors) fired most (share) |");
    printer.println("|---|---|---|---|---|---|");
    for (QualityFalsePositives.Row row : report.rows()) {
      printer.printf(
          Locale.ROOT,
          "| %s | %s | %d | %d | %.3f | %s |%n",
          row.source(),
          row.detector(),
          row.documents(),
          row.flagged(),
          row.falsePositiveRate(),
          row.topRule());
    }
    printer.printf(Locale.ROOT, "%d documents, all taken as clean%n", report.documents());
    return 0;
  }
}
