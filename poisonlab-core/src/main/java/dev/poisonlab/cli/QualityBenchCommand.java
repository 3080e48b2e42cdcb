/*
 * `poisonlab bench quality`: the clean-text false-positive rate of the gopher, c4 and fineweb rules per
 * source file (see QualityFalsePositives). Thin: parses options, runs the measurement, prints a table.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.QualityFalsePositives;
import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.io.ReadOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"False-positive rate of the quality-rule baselines on clean text, per source file.",
        "Example: poisonlab bench quality --corpus embedded embedded:heldout data/pretrain"})
final class QualityBenchCommand implements Callable<Integer> {
  @Option(names = "--corpus", required = true, arity = "1..*", description = "clean JSONL/text files or directories")
  List<String> corpus;

  @Option(names = "--text-field", description = "JSON field holding the text (default ${DEFAULT-VALUE})")
  String textField = ReadOptions.DEFAULT_TEXT_FIELD;

  @Override
  public Integer call() {
    QualityFalsePositives.Report report =
        QualityFalsePositives.measure(CorpusPaths.resolve(corpus), new ReadOptions(textField, false));
    System.out.println("| source | detector | documents | flagged | FPR | first rule fired most (share) |");
    System.out.println("|---|---|---|---|---|---|");
    for (QualityFalsePositives.Row row : report.rows()) {
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %s |%n", row.source(), row.detector(),
          row.documents(), row.flagged(), row.falsePositiveRate(), row.topRule());
    }
    System.out.printf(Locale.ROOT, "%d documents, all taken as clean%n", report.documents());
    return 0;
  }
}
