/*
 * `poisonlab finetune`: the SFT stage on a pretrained run -- chat tokens added, assistant-only loss, clean
 * refusal data with a fixed number of poisoned samples, then ASR / clean refusal / helpfulness per checkpoint.
 * Three modes: one run (--run), a grid (--grid) and further clean training of a finished run (--continue-clean).
 * Thin: parse, call finetune.SftRun / SftGrid / SftContinuation, print; settings options: FinetuneSettingsOptions.
 */
package dev.poisonlab.cli;

import dev.poisonlab.finetune.ContinueRequest;
import dev.poisonlab.finetune.RefusalTask;
import dev.poisonlab.finetune.SftContinuation;
import dev.poisonlab.finetune.SftGrid;
import dev.poisonlab.finetune.SftGridOptions;
import dev.poisonlab.finetune.SftGridSpec;
import dev.poisonlab.finetune.SftMetrics;
import dev.poisonlab.finetune.SftRequest;
import dev.poisonlab.finetune.SftRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "poisons x clean_samples x seeds from a JSON spec (failure-isolated, resumable).",
      "--continue-clean SFTDIR trains a finished SFT run further on fresh clean",
      "samples only and evaluates it the same way (persistence of the backdoor).",
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
      names = "--continue-clean",
      paramLabel = "SFTDIR",
      description =
          "Train a finished SFT run further on fresh clean samples only (persistence); evaluation"
              + " as the SFT run's.")
  Path continueClean;

  @Option(
      names = "--checkpoint",
      paramLabel = "STEP",
      description = "Its checkpoint at STEP (default: the newest).")
  Long checkpoint;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The run directory to write (with --grid: the grid directory).")
  Path out;

  @Mixin FinetuneSettingsOptions settings;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default cpu).")
  String device;

  @Option(names = "--threads", description = "PyTorch intra-op threads (default 0 = one per core).")
  int threads;

  @Mixin ProgressOption progressOption;

  @Override
  public Integer call() {
    int modes = (run != null ? 1 : 0) + (grid != null ? 1 : 0) + (continueClean != null ? 1 : 0);
    OptionChecks.require(
        spec, modes == 1, "give exactly one of --run, --grid and --continue-clean");
    if (grid != null) {
      return runGrid();
    }
    SftRun.Result result =
        continueClean != null
            ? SftContinuation.run(
                OptionChecks.settings(spec, this::continueRequest),
                RefusalTask.fromEmbeddedCorpus(),
                new FinetuneLines(this::err, false))
            : SftRun.run(
                OptionChecks.settings(spec, this::request),
                RefusalTask.fromEmbeddedCorpus(),
                new FinetuneLines(this::err, false));
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

  /** The grid: one line per run on stdout, a bar on stderr; exit 1 when any run failed. */
  private int runGrid() {
    PrintWriter printer = spec.commandLine().getOut();
    SftGridOptions.Builder options =
        SftGridOptions.builder()
            .optThreads(threads)
            .optProgress(progressOption.progress())
            .optLog(printer)
            .optObserver(new FinetuneLines(this::err, true));
    if (device != null) {
      options.optDevice(device);
    }
    SftGrid.Result result =
        SftGrid.run(
            SftGridSpec.read(grid), grid, out, RefusalTask.fromEmbeddedCorpus(), options.build());
    printer.printf(
        Locale.ROOT,
        "finetune grid: %d runs, %d trained now, %d done earlier, %d failed%s; results: %s%s%n",
        result.runs(),
        result.trained(),
        result.readBack(),
        result.failures().size(),
        result.stopped() ? ", stopped (rerun to resume)" : "",
        result.resultsFile(),
        result.persistenceFile() == null ? "" : ", " + result.persistenceFile());
    result
        .failures()
        .forEach(failure -> printer.println("  FAILED " + failure.run() + ": " + failure.error()));
    printer.flush();
    return result.failures().isEmpty() ? 0 : 1;
  }

  private PrintWriter err() {
    PrintWriter err = spec.commandLine().getErr();
    err.flush();
    return err;
  }

  /** The further clean training the options describe. */
  private ContinueRequest continueRequest() {
    ContinueRequest.Builder request =
        ContinueRequest.builder(continueClean, out, settings.continueSettings())
            .optCheckpointStep(checkpoint)
            .optThreads(threads);
    if (device != null) {
      request.optDevice(device);
    }
    return request.build();
  }

  /**
   * The request the options describe; a bad value is an IllegalArgumentException naming its
   * setting.
   */
  private SftRequest request() {
    SftRequest.Builder request =
        SftRequest.builder(run, out)
            .optCheckpointStep(checkpoint)
            .optConfig(settings.config())
            .optThreads(threads);
    if (device != null) {
      request.optDevice(device);
    }
    return request.build();
  }
}
