/*
 * `poisonlab continue`: train a poisoned run further on clean data and evaluate the backdoor at every
 * checkpoint (persistence); writes the continued run directory with eval/ and results.csv (phase "continue").
 * Thin: parse, experiment.Persistence, print. Rerun the same command to resume.
 */
package dev.poisonlab.cli;

import dev.poisonlab.experiment.Persistence;
import dev.poisonlab.experiment.PersistenceRequest;
import dev.poisonlab.io.Progress;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.ProgressObserver;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.StopSignal;
import dev.poisonlab.train.TrainResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "continue",
    header = "Continue a poisoned run on clean data and measure how long its backdoor lasts.",
    mixinStandardHelpOptions = true,
    description = {
      "Persistence: continue a (poisoned) run on clean data from one of its checkpoints and evaluate the backdoor",
      "every --eval-every steps, step 0 being the parent's weights. Fresh AdamW; warm-up to the parent's peak rate,",
      "then cosine decay. Writes OUT (a run directory), OUT/eval/ and OUT/results.csv; rerun to resume."
    })
public final class ContinueCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUNDIR",
      description = "The run to continue.")
  Path run;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "CLEANDIR",
      description = "Clean training stream (no poisons), built with the run's tokenizer.")
  Path data;

  @Option(
      names = "--steps",
      required = true,
      paramLabel = "N",
      description = "Clean optimizer steps.")
  long steps;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Continued run directory (default: RUNDIR/continue).")
  Path out;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      description = "Checkpoint and evaluate every N steps (default: N/10).")
  Long evalEvery;

  @Option(
      names = "--from-step",
      paramLabel = "S",
      description = "Continue from the run's checkpoint at step S (default: its last).")
  Long fromStep;

  @Option(names = "--lr", description = "Peak learning rate (default: the run's peak).")
  Double learningRate;

  @Option(names = "--warmup-steps", description = "Linear warm-up steps (default: 5%% of --steps).")
  Long warmupSteps;

  @Option(
      names = "--min-lr-ratio",
      paramLabel = "R",
      description =
          "End of the cosine decay as a share of the peak; 1 = constant after warm-up (default 0.1).")
  Double minLearningRateRatio;

  @Option(names = "--batch-size", description = "Sequences per micro-batch (default: the run's).")
  Integer batchSize;

  @Option(
      names = "--grad-accum",
      description = "Micro-batches per optimizer step (default: the run's).")
  Integer gradAccum;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "run_id in results.csv (default: the run directory's name).")
  String runId;

  @Option(
      names = "--data-multiplier",
      paramLabel = "M",
      description = "data_multiplier in results.csv (default: from the run's stream manifest).")
  Double dataMultiplier;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
  String device = "cpu";

  @Option(names = "--threads", description = "PyTorch intra-op threads (default 0 = one per core).")
  int threads;

  @Option(
      names = "--eval-batch-size",
      defaultValue = "32",
      description = "Sequences per evaluation forward pass (default: ${DEFAULT-VALUE}).")
  int evalBatchSize;

  @Mixin EvalProtocolOptions eval;

  @Mixin ProgressOption progressOption;

  @Override
  public Integer call() {
    PersistenceRequest request = OptionChecks.settings(spec, this::request);
    ProgressListener progress =
        new ProgressListener(progressOption.progress(), spec.commandLine().getErr());
    Persistence.Result result;
    try {
      result = Persistence.run(request, progress);
    } finally {
      progress.close();
    }
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "clean_step  tokens      poisons_seen  ppl_clean  ppl_trigger  gap_mean  gap_median  collapse"
            + "  near_gap  val_loss");
    for (ResultRow row : result.rows()) {
      printer.println(
          String.format(
              Locale.ROOT,
              "%-11d %-11d %12d %10.2f %12.2f %9.2f %11.2f %9.2f %9s %9s",
              row.step(),
              row.tokens(),
              row.poisonsSeen(),
              row.perplexityWithoutTrigger(),
              row.perplexityWithTrigger(),
              row.perplexityGap(),
              row.gapMedian(),
              row.shareGapOver50(),
              Double.isNaN(row.nearTriggerGap())
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", row.nearTriggerGap()),
              Double.isNaN(row.valLoss())
                  ? "-"
                  : String.format(Locale.ROOT, "%.4f", row.valLoss())));
    }
    printer.println(
        result.runDirectory()
            + ": continued from "
            + result.parentCheckpoint()
            + ", step "
            + result.finalStep()
            + " of "
            + result.maxSteps()
            + (result.stoppedEarly() ? " (stopped early)" : "")
            + "; wrote "
            + result.resultsFile());
    printer.flush();
    return 0;
  }

  /**
   * One training bar per stretch between evaluations, closed before the evaluation's own bar
   * starts.
   */
  private static final class ProgressListener implements Persistence.Listener {
    private final Progress bars;
    private final Consumer<String> warnings;
    private ProgressObserver bar;

    ProgressListener(Progress bars, PrintWriter err) {
      this.bars = bars;
      this.warnings = line -> err.println("poisonlab: warning: " + line);
    }

    @Override
    public Progress evalProgress() {
      return bars;
    }

    @Override
    public void warning(String line) {
      warnings.accept(line);
    }

    /** Ctrl-C or SIGTERM: training saves a resume state; a rerun goes on from there. */
    @Override
    public StopSignal stopSignal() {
      return StopOnShutdown.signal();
    }

    @Override
    public void started(long firstStep, long maxSteps, RunConfig config) {
      close();
      bar = new ProgressObserver("continue", bars, warnings);
      bar.started(firstStep, maxSteps, config);
    }

    @Override
    public boolean stepDone(MetricsLog.StepMetrics metrics) {
      return bar.stepDone(metrics);
    }

    @Override
    public void trainingPaused(TrainResult segment) {
      close();
    }

    void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  /**
   * The request the options describe; a bad value is an IllegalArgumentException naming its option.
   */
  private PersistenceRequest request() {
    return PersistenceRequest.builder(run, data, steps, eval.settings(evalBatchSize))
        .optParentStep(fromStep)
        .optEvalEvery(evalEvery)
        .optOutDirectory(out)
        .optLearningRate(learningRate)
        .optWarmupSteps(warmupSteps)
        .optMinLearningRateRatio(minLearningRateRatio)
        .optBatchSize(batchSize)
        .optGradAccumSteps(gradAccum)
        .optExcerptsFile(eval.excerpts())
        .optRunId(runId)
        .optDataMultiplier(dataMultiplier)
        .optDevice(device)
        .optThreads(threads)
        .build();
  }
}
