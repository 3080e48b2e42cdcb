/*
 * `poisonlab bench train`: training throughput of a preset (tokens/s, GFLOP/s); compare with PyTorch eager
 * through bench/train-vs-pytorch.sh, which runs the same shapes in the same session.
 */
package dev.poisonlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.model.ModelPreset;
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
    if (json) {
      try {
        printer.println(new ObjectMapper().writeValueAsString(result));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
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
    return 0;
  }
}
