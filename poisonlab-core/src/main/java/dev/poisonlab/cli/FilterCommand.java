/*
 * `poisonlab filter`: writes the corpus without the documents (or, --mode cut, the spans) that a scan flagged.
 * Thin: parses options, calls CorpusFilter, prints counts.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.defense.filter.CorpusFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    description = "Write a cleaned corpus from a scan's flags (JSONL {id, text}, .gz allowed).")
public final class FilterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Option(names = "--scan", required = true, description = "the scan's --out directory")
  Path scan;

  @Option(
      names = "--out",
      required = true,
      description = "cleaned corpus file (.jsonl or .jsonl.gz)")
  Path out;

  @Option(
      names = "--detectors",
      split = ",",
      description = "whose flags to apply (default ${DEFAULT-VALUE})")
  List<String> detectors = List.of(SurprisalDetector.NAME);

  @Option(
      names = "--mode",
      description = "DROP the document or CUT the flagged span (default ${DEFAULT-VALUE})")
  CorpusFilter.Mode mode = CorpusFilter.Mode.DROP;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    var flags = CorpusFilter.readFlags(scan, detectors);
    var source = DocumentSource.corpus(corpus.paths(), corpus.readOptions());
    CorpusFilter.Result result = CorpusFilter.filter(source, flags, mode, out);
    printer.printf(
        "read %d documents: kept %d (%d of them cut), dropped %d -> %s%n",
        result.read(), result.kept(), result.cut(), result.dropped(), out);
    return 0;
  }
}
