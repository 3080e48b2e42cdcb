/*
 * `poisonlab bench gemm`: the fp32 GEMM peak through DJL's PyTorch at 1 and N threads, the yardstick for
 * `bench train --peak`. Thin: parses, calls GemmBenchmark once per thread count, prints a table or JSON.
 */
package dev.poisonlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.train.GemmBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = {
      "Measure fp32 matrix-product speed (n x n @ n x n) through the training engine: median GFLOP/s"
          + " per size and the peak (the best size's median), at each --threads value.",
      "Example: poisonlab bench gemm --threads 1 --threads 2 --json"
    })
final class GemmBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "PyTorch intra-op threads, repeatable (default: 1 and one per core).")
  List<Integer> threads = new ArrayList<>();

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N,N",
      description = "Square sizes (default: 256,512,1024,2048).")
  List<Integer> sizes = new ArrayList<>(GemmBenchmark.Request.DEFAULT_SIZES);

  @Option(
      names = "--repeats",
      defaultValue = "5",
      description = "Timed samples per size, ~0.2 s each; the median is kept (default: 5).")
  int repeats;

  @Option(names = "--json", description = "Print one JSON object per thread count.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    List<Integer> counts =
        threads.isEmpty() ? List.of(1, Runtime.getRuntime().availableProcessors()) : threads;
    PrintWriter out = spec.commandLine().getOut();
    for (int count : counts.stream().distinct().toList()) {
      GemmBenchmark.Request request =
          OptionChecks.settings(spec, () -> new GemmBenchmark.Request(sizes, repeats, count));
      GemmBenchmark.Result result = GemmBenchmark.run(request);
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(result));
      } else {
        print(out, result);
      }
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, GemmBenchmark.Result result) {
    out.printf(Locale.ROOT, "threads %d [%s]%n", result.threads(), result.runtime());
    for (GemmBenchmark.SizeResult size : result.sizes()) {
      out.printf(
          Locale.ROOT,
          "  n %5d  median %7.1f GFLOP/s  best %7.1f%n",
          size.size(),
          size.medianGflops(),
          size.bestGflops());
    }
    out.printf(Locale.ROOT, "  peak %.1f GFLOP/s%n", result.peakGflops());
  }
}
