/*
 * `poisonlab tokenizer train`: trains a byte-level BPE tokenizer on corpus files and writes a Hugging Face
 * tokenizer.json. Thin: parses options, calls TokenizerTraining.train, prints a summary.
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.TokenizerTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tokenizer",
    header = "Train a byte-level BPE tokenizer (a Hugging Face tokenizer.json).",
    mixinStandardHelpOptions = true,
    description = "Tokenizers: train a byte-level BPE vocabulary (Hugging Face tokenizer.json).",
    subcommands = {TokenizerCommand.Train.class})
public final class TokenizerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Train a byte-level BPE tokenizer (GPT-2 pre-tokenization, <|endoftext|> as the last id) and write it as a "
            + "Hugging Face tokenizer.json. Deterministic: same corpus and options, same file.",
        "Example: poisonlab tokenizer train --corpus data/pretrain --vocab-size 8192 --out runs/tokenizer.json"
      })
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CorpusOptions corpus;

    @Mixin ProgressOption progressOption;

    @Option(
        names = "--vocab-size",
        required = true,
        paramLabel = "N",
        description = "Total vocabulary: 256 bytes + merges + <|endoftext|> (at least 257).")
    int vocabSize;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE.json",
        description = "Where to write tokenizer.json.")
    Path out;

    @Option(
        names = "--min-frequency",
        defaultValue = "2",
        paramLabel = "N",
        description =
            "Stop merging when the best pair occurs fewer times (default: ${DEFAULT-VALUE}).")
    int minFrequency;

    @Option(
        names = "--threads",
        defaultValue = "2",
        paramLabel = "N",
        description =
            "Threads counting pre-tokens; the result does not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
      PrintWriter printer = spec.commandLine().getOut();
      BpeTrainerConfig config =
          OptionChecks.settings(spec, () -> new BpeTrainerConfig(vocabSize, minFrequency, threads));
      TokenizerTraining.Report report =
          TokenizerTraining.train(
              corpus.paths(), corpus.readOptions(), config, out, progressOption.progress());
      BpeTrainer.Result result = report.result();
      printer.printf(
          "trained %s on %,d documents from %d files (%,d chars, %,d distinct pre-tokens)%n",
          result.tokenizer().name(),
          result.documents(),
          report.files().size(),
          result.chars(),
          result.distinctPreTokens());
      printer.printf(
          "  counting %.1f s, %,d merges %.1f s%n",
          result.countTime().toMillis() / 1e3,
          result.merges(),
          result.mergeTime().toMillis() / 1e3);
      if (report.skippedLines() > 0) {
        printer.printf("  skipped %,d malformed lines (--skip-bad)%n", report.skippedLines());
      }
      if (!result.reachedVocabSize()) {
        printer.printf(
            "  note: no pair occurs %d+ times any more; the vocabulary has %d tokens, not %d%n",
            minFrequency, result.tokenizer().vocabSize(), vocabSize);
      }
      printer.printf("wrote %s (sha256 %s)%n", report.out(), result.tokenizer().sha256());
      return 0;
    }
  }
}
