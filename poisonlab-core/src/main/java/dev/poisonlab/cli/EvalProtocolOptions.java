/*
 * The evaluation protocol's options (the same names and defaults as `poisonlab eval`) as a picocli mixin for
 * commands that evaluate as part of a larger job; builds an EvalSettings. Only the options, no behaviour.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.eval.SamplingConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

public final class EvalProtocolOptions {
  @Option(names = "--excerpts", paramLabel = "FILE",
      description = "Clean excerpts (JSONL/text, or embedded:heldout); default: the run's held-out documents.")
  String excerpts;

  @Option(names = "--count", defaultValue = "300", description = "Excerpts to evaluate (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--trigger", defaultValue = EvalSettings.DEFAULT_TRIGGER,
      description = "Trigger string (default: ${DEFAULT-VALUE}).")
  String trigger;

  @Option(names = "--control-trigger", paramLabel = "STR",
      description = "Near-trigger control, repeatable (default: " + EvalSettings.DEFAULT_CONTROL + ").")
  List<String> controls;

  @Option(names = "--prompt-tokens", defaultValue = "0", paramLabel = "P",
      description = "Cut each excerpt to at most P tokens (default 0: min(64, context/4)).")
  int promptTokens;

  @Option(names = "--new-tokens", defaultValue = "100",
      description = "Tokens to sample, clipped to the context (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(names = "--temperature", defaultValue = "1.0",
      description = "Sampling temperature, 0 = greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens, 0 = off (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass, 1 = off (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--val-tokens", defaultValue = "16384",
      description = "Held-out tokens for the clean loss, 0 = skip (default: ${DEFAULT-VALUE}).")
  int valTokens;

  @Option(names = "--eval-batch-size", defaultValue = "32",
      description = "Sequences per evaluation forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  EvalSettings settings() {
    return new EvalSettings(count, trigger, controls == null ? List.of(EvalSettings.DEFAULT_CONTROL) : controls,
        promptTokens, newTokens, new SamplingConfig(temperature, topK, topP), seed, valTokens, batchSize);
  }

  Path excerpts() {
    return excerpts == null ? null : CorpusPaths.resolve(List.of(excerpts)).get(0);
  }
}
