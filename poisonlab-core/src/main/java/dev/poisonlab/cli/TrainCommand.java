/*
 * `poisonlab train`: pretrain a preset on a training stream directory into a run directory, resuming from
 * its last checkpoint when the directory already holds the same run. Shows a progress bar on stderr.
 */
package dev.poisonlab.cli;

import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.train.ProgressObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.TrainResult;
import dev.poisonlab.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Pretrain a GPT preset on a training stream; rerun the same command to resume.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProgressOption progressOption;

  @Option(
      names = "--data",
      required = true,
      description = "Training stream directory (tokens.bin, manifest.json).")
  Path data;

  @Option(
      names = "--model",
      required = true,
      description = "Preset name (see `poisonlab model list`).")
  String model;

  @Option(
      names = "--out",
      required = true,
      description = "Run directory (created, or resumed if it exists).")
  Path out;

  @Option(
      names = "--max-steps",
      description = "Optimizer steps (default: the data's token budget / tokens per step).")
  Long maxSteps;

  @Option(
      names = "--checkpoint-every",
      description = "Checkpoint every N steps (default: every 5%%; the last step always).")
  Long checkpointEvery;

  @Option(names = "--seed", description = "Initialisation seed (default ${DEFAULT-VALUE}).")
  long seed = 1337;

  @Option(names = "--batch-size", description = "Sequences per micro-batch (default 32).")
  Integer batchSize;

  @Option(names = "--grad-accum", description = "Micro-batches per optimizer step (default 1).")
  Integer gradAccum;

  @Option(names = "--lr", description = "Peak learning rate (default: the preset's).")
  Double learningRate;

  @Option(
      names = "--warmup-steps",
      description = "Linear warm-up steps (default: 5%% of steps, at most 2000).")
  Long warmupSteps;

  @Option(names = "--log-every", description = "Write metrics.jsonl every N steps (default 1).")
  Integer logEvery;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
  String device = "cpu";

  @Option(names = "--threads", description = "PyTorch intra-op threads (default 0 = one per core).")
  int threads;

  @Option(
      names = "--log-sequences",
      description =
          "Also log every trained sequence's per-token loss to RUN/sequences.bin (for `monitor`).")
  boolean logSequences;

  @Option(
      names = "--skip-nonfinite",
      description =
          "Skip (do not apply) a step whose loss or gradient norm is NaN or infinite, counting it as"
              + " skipped_batches in metrics.jsonl; without it such a step stops training with exit code 2.")
  boolean skipNonfinite;

  @Override
  public Integer call() {
    OptionChecks.settings(spec, () -> ModelPreset.byName(model));
    warnOnContextMismatch();
    TrainRequest request = OptionChecks.settings(spec, this::request);
    TrainResult result;
    PrintWriter err = spec.commandLine().getErr();
    try (ProgressObserver progress =
        new ProgressObserver(
            "train",
            progressOption.progress(),
            line -> err.println("poisonlab: warning: " + line),
            StopOnShutdown.signal())) {
      result = Trainer.train(request, progress);
    }
    String steps =
        result.resumedFromStep() == result.maxSteps()
            ? "already complete at step " + result.maxSteps()
            : String.format(
                Locale.ROOT,
                "steps %d..%d of %d%s",
                result.resumedFromStep() + 1,
                result.finalStep(),
                result.maxSteps(),
                result.stoppedEarly() ? " (stopped early)" : "");
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        Locale.ROOT,
        "%s: %s, loss %.4f, %d tokens, %d poisons seen, %.1f s%n",
        result.runDirectory(),
        steps,
        result.finalLoss(),
        result.tokensSeen(),
        result.poisonsSeen(),
        result.seconds());
    printer.println("last checkpoint: " + result.lastCheckpoint());
    return 0;
  }

  /**
   * A stream places each poison inside a window of the context it was built for (corpus build
   * --context); a model of another context reads other windows, so the placement no longer holds.
   * Training still works: warn only.
   */
  private void warnOnContextMismatch() {
    StreamManifest manifest = StreamDirectory.readManifest(data);
    Integer placed = manifest.build() == null ? null : manifest.build().contextTokens();
    if (placed == null
        || placed == 0
        || manifest.poisons().isEmpty()
        || !ModelPreset.isKnown(model)) {
      return;
    }
    int context = ModelPreset.byName(model).config(manifest.vocabSize()).contextLength();
    if (context != placed) {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "warning: %s placed its poisons for a context of %d tokens, but %s reads %d;"
                  + " rebuild it with corpus build --context %d%n",
              data,
              placed,
              model,
              context,
              context);
    }
  }

  /**
   * The request the options describe; a bad value is an IllegalArgumentException naming its option.
   */
  private TrainRequest request() {
    return TrainRequest.builder(data, model, out)
        .optMaxSteps(maxSteps)
        .optCheckpointEvery(checkpointEvery)
        .optSeed(seed)
        .optBatchSize(batchSize)
        .optGradAccumSteps(gradAccum)
        .optLearningRate(learningRate)
        .optWarmupSteps(warmupSteps)
        .optLogEvery(logEvery)
        .optDevice(device)
        .optThreads(threads)
        .optLogSequences(logSequences)
        .optSkipNonfinite(skipNonfinite)
        .build();
  }
}
