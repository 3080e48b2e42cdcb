/*
 * `poisonlab sample`: look at what a checkpoint writes after a prompt (try it with and without the trigger).
 * Thin: parse, PromptSampler, print each sample with its perplexity.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.PromptSampler;
import dev.poisonlab.eval.SamplingConfig;
import dev.poisonlab.model.TorchRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Sample continuations of a prompt from a checkpoint, each with its perplexity.")
public final class SampleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUNDIR", description = "Run directory written by train.")
  Path run;

  @Option(names = "--prompt", required = true, paramLabel = "STR", description = "Prompt text.")
  String prompt;

  @Option(names = "--checkpoint", defaultValue = "last", paramLabel = "last|STEP", description = "Checkpoint (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(names = "--samples", defaultValue = "3", description = "Continuations to draw (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--new-tokens", defaultValue = "100", description = "Tokens per continuation, clipped to the context (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature, 0 = greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens, 0 = off (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass, 1 = off (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "1",
      description = "PyTorch intra-op threads, 0 = one per core (default: ${DEFAULT-VALUE}; small models decode"
          + " fastest on one).")
  int threads;

  @Override
  public Integer call() {
    TorchRuntime.setThreads(threads);
    CheckpointSelection selection = new CheckpointSelection(checkpoint);
    SamplingConfig sampling = new SamplingConfig(temperature, topK, topP);
    PromptSampler.Result result = PromptSampler.sample(new PromptSampler.Request(GptRunSource.open(run),
        selection, prompt, samples, newTokens, sampling, seed));
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(String.format(Locale.ROOT, "step %d, context %d, prompt %d tokens, %d new tokens",
        result.step(), result.contextLength(), result.promptTokens(), result.newTokens()));
    for (int i = 0; i < result.samples().size(); i++) {
      PromptSampler.Sample sample = result.samples().get(i);
      printer.println(String.format(Locale.ROOT, "--- sample %d (perplexity %.2f)", i + 1, sample.perplexity()));
      printer.println(prompt + sample.text());
    }
    printer.flush();
    return 0;
  }
}
