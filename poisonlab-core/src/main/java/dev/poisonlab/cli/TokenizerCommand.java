/*
 * `poisonlab tokenizer train`: trains a byte-level BPE tokenizer on corpus files and writes a Hugging Face
 * tokenizer.json. Thin: parses options, calls TokenizerTraining.train, prints a summary.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.TokenizerTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tokenizer", header = "Train a byte-level BPE tokenizer (a Hugging Face tokenizer.json).",
    mixinStandardHelpOptions = true,
    description = "Tokenizers: train a byte-level BPE vocabulary (Hugging Face tokenizer.json).",
    subcommands = {TokenizerCommand.Train.class})
public final class TokenizerCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
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
    @Option(names = "--corpus", required = true, arity = "1..*", paramLabel = "PATH",
        description = "Corpus files or directories (*.jsonl, *.txt, optionally .gz).")
    List<String> corpus;

    @Option(names = "--vocab-size", required = true, paramLabel = "N",
        description = "Total vocabulary: 256 bytes + merges + <|endoftext|> (at least 257).")
    int vocabSize;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write tokenizer.json.")
    Path out;

    @Option(names = "--min-frequency", defaultValue = "2", paramLabel = "N",
        description = "Stop merging when the best pair occurs fewer times (default: ${DEFAULT-VALUE}).")
    int minFrequency;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
        description = "Threads counting pre-tokens; the result does not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--text-field", defaultValue = ReadOptions.DEFAULT_TEXT_FIELD, paramLabel = "FIELD",
        description = "JSON field holding the text in JSONL files (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--skip-bad", description = "Skip (and count) malformed JSONL lines instead of failing.")
    boolean skipBad;

    @Override
    public Integer call() {
      BpeTrainerConfig config = new BpeTrainerConfig(vocabSize, minFrequency, threads);
      TokenizerTraining.Report report =
          TokenizerTraining.train(CorpusPaths.resolve(corpus), new ReadOptions(textField, skipBad), config, out,
              ProgressBars.STDERR);
      BpeTrainer.Result result = report.result();
      System.out.printf("trained %s on %,d documents from %d files (%,d chars, %,d distinct pre-tokens)%n",
          result.tokenizer().name(), result.documents(), report.files().size(), result.chars(),
          result.distinctPreTokens());
      System.out.printf("  counting %.1f s, %,d merges %.1f s%n", result.countTime().toMillis() / 1e3,
          result.merges(), result.mergeTime().toMillis() / 1e3);
      if (report.skippedLines() > 0) {
        System.out.printf("  skipped %,d malformed lines (--skip-bad)%n", report.skippedLines());
      }
      if (!result.reachedVocabSize()) {
        System.out.printf("  note: no pair occurs %d+ times any more; the vocabulary has %d tokens, not %d%n",
            minFrequency, result.tokenizer().vocabSize(), vocabSize);
      }
      System.out.printf("wrote %s (sha256 %s)%n", report.out(), result.tokenizer().sha256());
      return 0;
    }
  }
}
