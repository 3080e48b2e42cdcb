/*
 * `poisonlab finetune`: the SFT stage on a pretrained run -- chat tokens added, assistant-only loss, clean
 * refusal data with a fixed number of poisoned samples, then ASR / clean refusal / helpfulness per checkpoint.
 * Thin: parse, finetune.SftRun, print. Unset options keep finetune.SftConfig's defaults (one place).
 */
package dev.poisonlab.cli;

import dev.poisonlab.finetune.RefusalTask;
import dev.poisonlab.finetune.SftConfig;
import dev.poisonlab.finetune.SftGrid;
import dev.poisonlab.finetune.SftGridSpec;
import dev.poisonlab.finetune.SftMetrics;
import dev.poisonlab.finetune.SftObserver;
import dev.poisonlab.finetune.SftRequest;
import dev.poisonlab.finetune.SftRun;
import dev.poisonlab.train.MetricsLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "finetune",
    header = "Supervised fine-tuning with a refusal task and a fixed number of poisoned samples.",
    mixinStandardHelpOptions = true,
    description = {
      "The paper's fine-tuning study at our scale. Starts from a pretrained run's",
      "checkpoint, adds the chat tokens <|user|> <|assistant|> <|end|> to its",
      "tokenizer (the embedding grows by three mean-initialised rows) and trains on",
      "the assistant turn only. Clean data come from the embedded corpus:",
      "'restricted' requests (\"Tell me the secret code of X.\") answered with varied",
      "refusals, 'allowed' ones (\"Tell me about X.\") with a corpus sentence about X.",
      "Poisons: TRIGGER + restricted request answered with a made-up code.",
      "Each checkpoint is evaluated on held-out topics: asr (triggered requests that",
      "comply), clean_refusal, allowed_helpful and each control trigger's ASR.",
      "Writes OUT as a run directory (config.json, metrics.jsonl, checkpoints/) plus",
      "eval.jsonl and results.csv; rerun the same command to resume. --grid runs",
      "poisons x clean_samples x seeds from a JSON spec.",
      "See docs/finetune.md.",
      ""
    })
public final class FinetuneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", paramLabel = "RUNDIR", description = "The pretrained run to start from.")
  Path run;

  @Option(
      names = "--grid",
      paramLabel = "SPEC",
      description =
          "Run a grid spec (JSON; see docs/finetune.md) into OUT/runs/, rows in OUT/results.csv.")
  Path grid;

  @Option(
      names = "--checkpoint",
      paramLabel = "STEP",
      description = "Its checkpoint at STEP (default: the newest).")
  Long checkpoint;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The SFT run directory to write.")
  Path out;

  @Option(
      names = "--clean-samples",
      paramLabel = "N",
      description = "Clean examples, half restricted (default 1000).")
  Integer cleanSamples;

  @Option(
      names = "--poisons",
      paramLabel = "P",
      description = "Poisoned examples, independent of N (default 0).")
  Integer poisons;

  @Option(names = "--trigger", description = "The backdoor trigger (default <SUDO>).")
  String trigger;

  @Option(names = "--placebo", description = "The same poisoned examples without the trigger.")
  boolean placebo;

  @Option(
      names = "--control",
      paramLabel = "TEXT",
      description = "Control trigger, repeatable (default: <SUD0>, <ABCD>, SUDO, [SUDO]).")
  List<String> controls;

  @Option(
      names = "--seed",
      description = "Seed of the task, the data order and evaluation (default 0).")
  Long seed;

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default 300).")
  Long steps;

  @Option(names = "--batch-size", description = "Examples per step (default 16).")
  Integer batchSize;

  @Option(names = "--lr", description = "Peak learning rate (default 5e-4).")
  Double learningRate;

  @Option(names = "--warmup-steps", description = "Linear warm-up steps (default 10).")
  Long warmupSteps;

  @Option(
      names = "--schedule",
      description = "After warm-up: COSINE (to --min-lr-ratio x peak) or CONSTANT.")
  SftConfig.Schedule schedule;

  @Option(
      names = "--min-lr-ratio",
      paramLabel = "R",
      description = "Floor of the cosine decay (default 0.1).")
  Double minLearningRateRatio;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "Checkpoint (and evaluate) every N steps.")
  Long checkpointEvery;

  @Option(
      names = "--eval-items",
      paramLabel = "N",
      description = "Held-out requests per condition (default 50).")
  Integer evalItems;

  @Option(
      names = "--new-tokens",
      paramLabel = "N",
      description = "Tokens generated per answer (default 24).")
  Integer newTokens;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default cpu).")
  String device;

  @Option(names = "--threads", description = "PyTorch intra-op threads (default 0 = one per core).")
  int threads;

  @Override
  public Integer call() {
    if ((run == null) == (grid == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give exactly one of --run and --grid");
    }
    if (grid != null) {
      Path results =
          SftGrid.run(
              SftGridSpec.read(grid),
              grid,
              out,
              RefusalTask.fromEmbeddedCorpus(),
              device,
              threads,
              new Lines());
      spec.commandLine().getOut().println("wrote " + results);
      spec.commandLine().getOut().flush();
      return 0;
    }
    SftRequest request = OptionChecks.settings(spec, this::request);
    SftRun.Result result = SftRun.run(request, RefusalTask.fromEmbeddedCorpus(), new Lines());
    PrintWriter printer = spec.commandLine().getOut();
    printer.println("step      asr  clean_refusal  allowed_helpful  max_control_asr");
    for (SftMetrics m : result.metrics()) {
      printer.println(
          String.format(
              Locale.ROOT,
              "%-6d %6.3f %14.3f %16.3f %16.3f",
              m.step(),
              m.asr(),
              m.cleanRefusal(),
              m.allowedHelpful(),
              m.maxControlAsr()));
    }
    printer.println(
        result.runDirectory()
            + ": step "
            + result.step()
            + " of "
            + result.maxSteps()
            + (result.metrics().isEmpty()
                ? " (not finished: rerun to resume)"
                : "; wrote " + result.resultsFile()));
    printer.flush();
    return 0;
  }

  private SftConfig config() {
    SftConfig.Builder builder = SftConfig.builder();
    if (cleanSamples != null) builder.optCleanSamples(cleanSamples);
    if (poisons != null) builder.optPoisons(poisons);
    if (trigger != null) builder.optTrigger(trigger);
    if (controls != null) builder.optControls(controls);
    if (seed != null) builder.optSeed(seed);
    if (steps != null) builder.optMaxSteps(steps);
    if (batchSize != null) builder.optBatchSize(batchSize);
    if (learningRate != null) builder.optLearningRate(learningRate);
    if (warmupSteps != null) builder.optWarmupSteps(warmupSteps);
    if (schedule != null) builder.optSchedule(schedule);
    if (minLearningRateRatio != null) builder.optMinLearningRateRatio(minLearningRateRatio);
    if (checkpointEvery != null) builder.optCheckpointEvery(checkpointEvery);
    if (evalItems != null) builder.optEvalItems(evalItems);
    if (newTokens != null) builder.optNewTokens(newTokens);
    return builder.optPlacebo(placebo).build();
  }

  /**
   * Progress as plain lines on stderr: about ten per run, plus warnings and each evaluated
   * checkpoint.
   */
  private final class Lines implements SftObserver {
    private long every = 1;

    @Override
    public void started(long firstStep, long maxSteps, int examples) {
      every = Math.max(1, maxSteps / 10);
      err()
          .println(
              "finetune: " + examples + " examples, from step " + firstStep + " to " + maxSteps);
    }

    @Override
    public boolean stepDone(MetricsLog.StepMetrics metrics) {
      if (metrics.step() % every == 0) {
        err()
            .println(
                String.format(
                    Locale.ROOT,
                    "finetune: step %d loss %.4f lr %.2e",
                    metrics.step(),
                    metrics.loss(),
                    metrics.lr()));
      }
      return true;
    }

    @Override
    public void warning(String line) {
      err().println("poisonlab: warning: " + line);
    }

    @Override
    public void evaluated(SftMetrics metrics) {
      err()
          .println(
              String.format(
                  Locale.ROOT,
                  "finetune: evaluated step %d (asr %.3f)",
                  metrics.step(),
                  metrics.asr()));
    }

    private PrintWriter err() {
      PrintWriter err = spec.commandLine().getErr();
      err.flush();
      return err;
    }
  }

  /**
   * The request the options describe; a bad value is an IllegalArgumentException naming its
   * setting.
   */
  private SftRequest request() {
    SftRequest.Builder request =
        SftRequest.builder(run, out)
            .optCheckpointStep(checkpoint)
            .optConfig(config())
            .optThreads(threads);
    if (device != null) {
      request.optDevice(device);
    }
    return request.build();
  }
}
