/*
 * `poisonlab bench ...`: speed measurements that compare our code with a peer in the same run (never timed
 * unit tests). Thin: each subcommand calls one library benchmark and prints its report.
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.TokenizerBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: measured speed of poisonlab's components against a peer; quality-rule false positives.",
    subcommands = {
      BenchCommand.TokenizerBench.class,
      ScanBenchCommand.class,
      QualityBenchCommand.class,
      TrainBenchCommand.class,
      GemmBenchCommand.class,
      BenchGenerateCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "tokenizer",
      mixinStandardHelpOptions = true,
      description = {
        "Train BPE on a corpus, then encode the corpus once per encoder on one thread: poisonlab's pure-Java BPE, "
            + "jtokkit r50k_base, and Hugging Face's native encoder (also checks it gives our ids).",
        "Example: poisonlab bench tokenizer --corpus data/pretrain --vocab-size 8192"
      })
  static final class TokenizerBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CorpusOptions corpus;

    @Option(
        names = "--vocab-size",
        defaultValue = "8192",
        paramLabel = "N",
        description = "Vocabulary size to train (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(
        names = "--threads",
        defaultValue = "2",
        paramLabel = "N",
        description = "Threads counting pre-tokens during training (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-hf", description = "Skip the Hugging Face native pass and comparison.")
    boolean noHf;

    @Override
    public Integer call() {
      PrintWriter printer = spec.commandLine().getOut();
      BpeTrainerConfig config =
          OptionChecks.settings(spec, () -> new BpeTrainerConfig(vocabSize, 2, threads));
      TokenizerBenchmark.Report report =
          TokenizerBenchmark.run(
              corpus.paths(), corpus.readOptions(), config, !noHf, ProgressBars.STDERR);
      BpeTrainer.Result training = report.training();
      printer.printf(
          "training %s: %,d documents, %,d chars; counting (%d threads) %.1f s + merging %.1f s "
              + "= %.1f s wall, %.1f s process CPU%n",
          training.tokenizer().name(),
          training.documents(),
          training.chars(),
          threads,
          training.countTime().toMillis() / 1e3,
          training.mergeTime().toMillis() / 1e3,
          (training.countTime().toMillis() + training.mergeTime().toMillis()) / 1e3,
          report.trainingCpuTime().toMillis() / 1e3);
      printer.println(
          "encoding, one thread each (reading the corpus not timed); MB = 10^6 UTF-8 bytes:");
      for (TokenizerBenchmark.EncoderFigure figure : report.encoders()) {
        printer.printf(
            "  %-42s %7.2f MB/s per CPU-s %7.2f MB/s wall  %,12d tokens  %.2f bytes/token%n",
            figure.encoder(),
            figure.megabytesPerCpuSecond(),
            figure.megabytesPerWallSecond(),
            figure.tokens(),
            (double) figure.utf8Bytes() / Math.max(1, figure.tokens()));
      }
      if (report.hfMismatches() >= 0) {
        printer.printf(
            "Hugging Face vs poisonlab ids: %,d of %,d documents differ%s%n",
            report.hfMismatches(),
            training.documents(),
            report.firstMismatchId() == null ? "" : " (first: " + report.firstMismatchId() + ")");
      }
      return report.hfMismatches() > 0 ? 1 : 0;
    }
  }
}
