/*
 * The evaluation protocol's options as a picocli mixin, shared by `eval` and by commands that evaluate as part of
 * a larger job (`continue`); builds an EvalSettings. Only the options, no behaviour. The batch size is not here:
 * `eval --batch-size` and `continue --eval-batch-size` name it differently, since `continue` also trains.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.io.CorpusPaths;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

public final class EvalProtocolOptions {
  @Option(
      names = "--excerpts",
      paramLabel = "FILE",
      description =
          "Clean excerpts (JSONL/text, or embedded:heldout); default: the run's held-out documents.")
  String excerpts;

  @Option(
      names = "--count",
      defaultValue = "300",
      description = "Excerpts to evaluate (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--trigger",
      defaultValue = EvalSettings.DEFAULT_TRIGGER,
      description = "Trigger string (default: ${DEFAULT-VALUE}).")
  String trigger;

  @Option(
      names = "--control-trigger",
      paramLabel = "STR",
      description =
          "Specificity control, repeatable; the first fills near_trigger_* (default: <SUD0>, <ABCD>, "
              + "SUDO, [SUDO], less the trigger itself).")
  List<String> controls;

  @Option(
      names = "--prompt-tokens",
      defaultValue = "0",
      paramLabel = "P",
      description = "Cut each excerpt to at most P tokens (default 0: min(64, context/4)).")
  int promptTokens;

  @Option(
      names = "--new-tokens",
      defaultValue = "100",
      description = "Tokens to sample, clipped to the context (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Mixin SamplingOptions sampling;

  @Option(
      names = "--val-tokens",
      defaultValue = "16384",
      description = "Held-out tokens for the clean loss, 0 = skip (default: ${DEFAULT-VALUE}).")
  int valTokens;

  EvalSettings settings(int batchSize) {
    return EvalSettings.builder()
        .optCount(count)
        .optTrigger(trigger)
        .optControlTriggers(controls == null ? EvalSettings.defaultControlsFor(trigger) : controls)
        .optPromptTokens(promptTokens)
        .optNewTokens(newTokens)
        .optSampling(sampling.config())
        .optSeed(sampling.seed)
        .optValTokens(valTokens)
        .optBatchSize(batchSize)
        .build();
  }

  Path excerpts() {
    return excerpts == null ? null : CorpusPaths.resolve(List.of(excerpts)).get(0);
  }
}
