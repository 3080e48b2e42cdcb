/*
 * `poisonlab perplexity`: mean loss (nats per predicted token) and perplexity of a run's checkpoint or a Hugging
 * Face GPT-2 directory on a corpus, per document and overall; writes OUT.json atomically.
 * Thin: parse, CorpusPerplexity, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.CorpusPerplexity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "perplexity",
    mixinStandardHelpOptions = true,
    description = {
      "Mean loss (nats per predicted token) and perplexity on a corpus, per document and overall.",
      "Each document is cut into non-overlapping windows of the model's context; each window's first token is",
      "context only. Works on a run directory or a Hugging Face GPT-2 directory."
    })
public final class PerplexityCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUN_OR_HF_DIR",
      description = "Run directory written by train, or a Hugging Face GPT-2 directory.")
  Path run;

  @Option(
      names = "--checkpoint",
      defaultValue = "last",
      paramLabel = "last|STEP",
      description = "Checkpoint (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      description = "Windows per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--out", required = true, paramLabel = "OUT.json", description = "Output file.")
  Path out;

  @Override
  public Integer call() {
    CorpusPerplexity.Request request =
        OptionChecks.settings(
            spec,
            () ->
                new CorpusPerplexity.Request(
                    run,
                    new CheckpointSelection(checkpoint),
                    corpus.paths(),
                    corpus.readOptions(),
                    batchSize,
                    out));
    CorpusPerplexity.Result result = CorpusPerplexity.run(request);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        String.format(
            Locale.ROOT,
            "step %d, context %d, %d documents, %d predicted tokens: "
                + "mean loss %.6f nats, perplexity %.4f",
            result.step(),
            result.contextLength(),
            result.documents(),
            result.tokens(),
            result.meanLoss(),
            result.perplexity()));
    printer.println("wrote " + out);
    printer.flush();
    return 0;
  }
}
