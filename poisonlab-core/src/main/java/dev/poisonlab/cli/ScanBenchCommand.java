/*
 * `poisonlab bench scan`: single-core throughput of the defence detectors on a corpus held in memory
 * (see ScanBenchmark). Thin: parses options, runs the benchmark, prints MB/s per pass.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.detect.LmSettings;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.defense.scan.ScanBenchmark;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.model.TorchRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Single-thread MB/s of the scan detectors on an in-memory corpus (reading timed apart).",
      "Example: poisonlab bench scan --corpus data/pretrain --detectors surprisal,gopher"
    })
final class ScanBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--detectors",
      split = ",",
      description = "detectors to time (default ${DEFAULT-VALUE})")
  List<String> detectors = List.of(SurprisalDetector.NAME);

  @Option(names = "--repeats", description = "timed repeats, best kept (default ${DEFAULT-VALUE})")
  int repeats = 5;

  @Option(names = "--model", description = "trained run directory, for --detectors lm-surprisal")
  Path model;

  @Option(
      names = "--threads",
      description = "PyTorch intra-op threads for lm-surprisal (default 0 = one per core)")
  int threads;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    TorchRuntime.setThreads(threads);
    ScanSpec spec = ScanSpec.of(detectors, model == null ? null : LmSettings.of(model.toString()));
    ScanBenchmark.Result result =
        ScanBenchmark.run(corpus.paths(), corpus.readOptions(), spec, repeats);
    printer.printf(
        Locale.ROOT,
        "%d documents, %.1f M chars; detectors %s; best of %d, one thread%n",
        result.documents(),
        result.characters() / 1e6,
        detectors,
        repeats);
    printer.printf(
        Locale.ROOT, "  read+parse (once)  %7.1f MB/s%n", result.readMegabytesPerSecond());
    printer.printf(
        Locale.ROOT, "  count pass         %7.1f MB/s%n", result.countMegabytesPerSecond());
    printer.printf(
        Locale.ROOT,
        "  inspect pass       %7.1f MB/s, %.1f docs/s%n",
        result.inspectMegabytesPerSecond(),
        result.inspectDocumentsPerSecond());
    printer.printf(
        Locale.ROOT,
        "  scan (both passes) %7.1f MB/s   flagged %d%n",
        result.scanMegabytesPerSecond(),
        result.flagged());
    printer.printf(
        Locale.ROOT,
        "  per CPU-second: count %.1f, inspect %.1f, scan %.1f MB (thread CPU time)%n",
        result.characters() / 1e6 / result.countCpuSeconds(),
        result.characters() / 1e6 / result.inspectCpuSeconds(),
        result.scanMegabytesPerCpuSecond());
    return 0;
  }
}
