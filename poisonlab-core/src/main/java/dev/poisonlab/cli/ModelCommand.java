/*
 * `poisonlab model list`: the GPT family's presets with their parameter counts and Chinchilla budgets.
 */
package dev.poisonlab.cli;

import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.ModelPreset;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "model",
    description = "Model family (GPT presets).",
    subcommands = {ModelCommand.ListCommand.class},
    mixinStandardHelpOptions = true)
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Print the presets: shape, total and non-embedding parameters, Chinchilla tokens (20/param).")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--vocab",
        description =
            "Vocabulary size assumed for the counts (a run takes it from its data;"
                + " default ${DEFAULT-VALUE}).")
    int vocab = ModelPreset.DEFAULT_VOCAB_SIZE;

    @Override
    public Integer call() {
      OptionChecks.require(spec, vocab > 0, "--vocab must be positive, got " + vocab);
      PrintWriter printer = spec.commandLine().getOut();
      String row = "%-10s %6s %5s %5s %7s %12s %14s %17s %8s%n";
      printer.printf(
          Locale.ROOT,
          row,
          "preset",
          "layers",
          "heads",
          "embed",
          "context",
          "params",
          "non-embedding",
          "chinchilla-tokens",
          "peak-lr");
      for (ModelPreset preset : ModelPreset.values()) {
        GptConfig config = preset.config(vocab);
        printer.printf(
            Locale.ROOT,
            row,
            preset.presetName(),
            config.layers(),
            config.heads(),
            config.embedDim(),
            config.contextLength(),
            config.parameterCount(),
            config.nonEmbeddingParameterCount(),
            config.chinchillaTokens(),
            java.math.BigDecimal.valueOf(preset.learningRate()).toPlainString());
      }
      printer.printf(
          Locale.ROOT, "(vocabulary %d; output head tied to the token embedding)%n", vocab);
      return 0;
    }
  }
}
