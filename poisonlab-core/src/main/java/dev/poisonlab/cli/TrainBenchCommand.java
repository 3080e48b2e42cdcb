/*
 * `poisonlab bench train`: training throughput of a preset (tokens/s, GFLOP/s); compare with PyTorch eager
 * through bench/train-vs-pytorch.sh, which runs the same shapes in the same session.
 */
package dev.poisonlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.train.GemmBenchmark;
import dev.poisonlab.train.TrainBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Time training steps of a preset on random tokens: tokens/s and achieved GFLOP/s.")
final class TrainBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Preset name.")
  String model;

  @Option(names = "--vocab", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
  int vocab = ModelPreset.DEFAULT_VOCAB_SIZE;

  @Option(names = "--batch-size", description = "Sequences per step (default ${DEFAULT-VALUE}).")
  int batchSize = 32;

  @Option(names = "--warmup", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(names = "--steps", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int steps = 10;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
  String device = "cpu";

  @Option(names = "--threads", description = "PyTorch intra-op threads (default 0 = one per core).")
  int threads;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Option(
      names = "--peak",
      description =
          "Also measure the fp32 GEMM peak (bench gemm) at the same threads in this process and"
              + " print the training's fraction of it (adds ~10 s).")
  boolean peak;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    TrainBenchmark.Request request =
        OptionChecks.settings(
            spec,
            () ->
                new TrainBenchmark.Request(
                    model, vocab, batchSize, warmup, steps, device, threads));
    TrainBenchmark.Result result = TrainBenchmark.run(request);
    GemmBenchmark.Result gemm =
        peak ? GemmBenchmark.run(GemmBenchmark.Request.defaults(threads)) : null;
    if (json) {
      printJson(printer, result, gemm);
      return 0;
    }
    printer.printf(
        Locale.ROOT,
        "%s (%d params), batch %d x %d, %d steps in %.2f s: %.0f tokens/s, %.2f GFLOP/s,"
            + " %.0f tokens per CPU-second [%s]%n",
        result.preset(),
        result.model().parameterCount(),
        result.batchSize(),
        result.model().contextLength(),
        result.steps(),
        result.seconds(),
        result.tokensPerSecond(),
        result.gflopsPerSecond(),
        result.tokensPerCpuSecond(),
        result.runtime());
    if (gemm != null) {
      printer.printf(
          Locale.ROOT,
          "GEMM peak %.1f GFLOP/s at %d thread(s): training reaches %.1f%% of it%n",
          gemm.peakGflops(),
          gemm.threads(),
          100 * result.gflopsPerSecond() / gemm.peakGflops());
    }
    return 0;
  }

  /**
   * The result's fields, plus the peak and the fraction of it when measured (flat, for scripts).
   */
  private static void printJson(
      PrintWriter printer, TrainBenchmark.Result result, GemmBenchmark.Result gemm) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.valueToTree(result);
    if (gemm != null) {
      node.put("gemmPeakGflops", gemm.peakGflops());
      node.put("fractionOfPeak", result.gflopsPerSecond() / gemm.peakGflops());
    }
    printer.println(node.toString());
  }
}
