/*
 * `poisonlab bench generate`: KV-cached generation against full recompute at one batch size, the ratio
 * the eval docs report. Thin: parse, GenerationBenchmark, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.GenerationBenchmark;
import dev.poisonlab.eval.RunSource;
import dev.poisonlab.model.ModelPreset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Time KV-cached generation against full recompute (same prompts, seed and output).")
public final class BenchGenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      paramLabel = "RUNDIR",
      description = "Use this run's last checkpoint instead of a fresh preset.")
  Path run;

  @Option(
      names = "--model",
      defaultValue = "mini",
      description = "Preset when no --run is given (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--vocab",
      defaultValue = "" + ModelPreset.DEFAULT_VOCAB_SIZE,
      description = "Vocabulary size of the preset (default: ${DEFAULT-VALUE}).")
  int vocab;

  @Option(
      names = "--batch",
      defaultValue = "32",
      description = "Prompts per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--prompt-tokens",
      defaultValue = "32",
      description = "Prompt length (default: ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(
      names = "--new-tokens",
      defaultValue = "100",
      description = "Tokens generated (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description =
          "Timed repeats after a warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed for weights, prompts and sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin GenerationThreadsOption threads;

  @Override
  public Integer call() {
    threads.apply();
    GenerationBenchmark.Request request =
        OptionChecks.settings(
            spec,
            () ->
                new GenerationBenchmark.Request(
                    run == null ? null : RunSource.open(run),
                    preset,
                    vocab,
                    batch,
                    promptTokens,
                    newTokens,
                    repeats,
                    seed));
    GenerationBenchmark.Result result = GenerationBenchmark.run(request);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        String.format(
            Locale.ROOT,
            "model %s (%s parameters, context %d), batch %d, prompt %d, new %d",
            result.model(),
            result.parameters() < 0 ? "?" : Long.toString(result.parameters()),
            result.contextLength(),
            result.batch(),
            result.promptTokens(),
            result.newTokens()));
    printer.println(
        String.format(
            Locale.ROOT,
            "kv-cache   %.3f s  (%.0f tokens/s)",
            result.cachedSeconds(),
            result.batch() * result.newTokens() / result.cachedSeconds()));
    printer.println(
        String.format(
            Locale.ROOT,
            "recompute  %.3f s  (%.0f tokens/s)",
            result.recomputeSeconds(),
            result.batch() * result.newTokens() / result.recomputeSeconds()));
    printer.println(
        String.format(
            Locale.ROOT,
            "speedup    %.1fx   identical tokens: %s",
            result.speedup(),
            result.sameTokens() ? "yes" : "NO"));
    printer.flush();
    return 0;
  }
}
