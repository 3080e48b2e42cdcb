/*
 * `poisonlab sample`: look at what a checkpoint writes after a prompt (try it with and without the trigger).
 * Thin: parse, PromptSampler, print each sample with its perplexity.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.PromptSampler;
import dev.poisonlab.eval.RunSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Sample continuations of a prompt from a checkpoint, each with its perplexity.")
public final class SampleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUNDIR",
      description = "Run directory written by train, or a Hugging Face GPT-2 directory.")
  Path run;

  @Option(names = "--prompt", required = true, paramLabel = "STR", description = "Prompt text.")
  String prompt;

  @Option(
      names = "--checkpoint",
      defaultValue = "last",
      paramLabel = "last|STEP",
      description = "Checkpoint (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(
      names = "--samples",
      defaultValue = "3",
      description = "Continuations to draw (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--new-tokens",
      defaultValue = "100",
      description = "Tokens per continuation, clipped to the context (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Mixin SamplingOptions sampling;

  @Mixin GenerationThreadsOption threads;

  @Override
  public Integer call() {
    threads.apply();
    CheckpointSelection selection =
        OptionChecks.settings(spec, () -> new CheckpointSelection(checkpoint));
    PromptSampler.Request request =
        OptionChecks.settings(
            spec,
            () ->
                new PromptSampler.Request(
                    RunSource.open(run),
                    selection,
                    prompt,
                    samples,
                    newTokens,
                    sampling.config(),
                    sampling.seed));
    PromptSampler.Result result = PromptSampler.sample(request);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        String.format(
            Locale.ROOT,
            "step %d, context %d, prompt %d tokens, %d new tokens",
            result.step(),
            result.contextLength(),
            result.promptTokens(),
            result.newTokens()));
    for (int i = 0; i < result.samples().size(); i++) {
      PromptSampler.Sample sample = result.samples().get(i);
      printer.println(
          String.format(
              Locale.ROOT, "--- sample %d (perplexity %.2f)", i + 1, sample.perplexity()));
      printer.println(prompt + sample.text());
    }
    printer.flush();
    return 0;
  }
}
