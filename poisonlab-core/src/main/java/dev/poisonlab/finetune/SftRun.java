/*
 * The whole SFT stage for one run: lock the run directory, prepare it, build the task's examples (clean set +
 * poisons, or the placebo's untriggered twins), train (resuming if it can), then evaluate every checkpoint and
 * write eval.jsonl and results.csv (one row per checkpoint: poisons, clean_samples, seed, ..., asr,
 * clean_refusal), so a grid can collect rows. A rerun of a finished run reads its evaluation back; an
 * interrupted evaluation is redone in full (it is deterministic).
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.eval.GptLanguageModel;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.train.TrainCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public final class SftRun {
  public static final String EVAL_FILE = "eval.jsonl";
  public static final String RESULTS_FILE = "results.csv";
  public static final String RESULTS_HEADER =
      "poisons,clean_samples,seed,placebo,trigger,step,asr,clean_refusal,"
          + "allowed_helpful,max_control_asr";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SftRun() {}

  /** What a finished (or stopped) run reports. */
  public record Result(
      Path runDirectory, long step, long maxSteps, List<SftMetrics> metrics, Path resultsFile) {}

  public static Result run(SftRequest request, RefusalTask task, SftObserver observer) {
    try (DirectoryLock lock = DirectoryLock.acquire(request.runDirectory())) {
      SftRunDirectory run = SftRunDirectory.prepare(request);
      SftConfig config = run.config().sft();
      long step =
          new SftTrainer(run, examples(task, config), run.tokenizer()).train(request, observer);
      Path results = run.directory().resolve(RESULTS_FILE);
      if (step < config.maxSteps()) {
        return new Result(run.directory(), step, config.maxSteps(), List.of(), results);
      }
      List<SftMetrics> metrics = readEvaluated(run.directory());
      if (metrics.isEmpty()) {
        metrics = evaluateAll(run, task, observer);
        write(run.directory(), config, metrics);
      }
      return new Result(run.directory(), step, config.maxSteps(), metrics, results);
    }
  }

  /** The training examples: the clean set, then the poisons (trigger dropped for a placebo). */
  public static List<SftExample> examples(RefusalTask task, SftConfig config) {
    List<SftExample> examples =
        new ArrayList<>(task.cleanSet(config.cleanSamples(), config.seed()));
    examples.addAll(
        task.poisons(config.poisons(), config.placebo() ? null : config.trigger(), config.seed()));
    return examples;
  }

  private static List<SftMetrics> evaluateAll(
      SftRunDirectory run, RefusalTask task, SftObserver observer) {
    SftEvaluator evaluator = new SftEvaluator(run.tokenizer(), task, run.config().sft());
    List<SftMetrics> all = new ArrayList<>();
    for (Path checkpoint : TrainCheckpoint.list(run.directory())) {
      TrainCheckpoint.verifyForReading(checkpoint);
      try (GptLanguageModel model = GptLanguageModel.load(checkpoint)) {
        SftMetrics metrics =
            evaluator.evaluate(model, TrainCheckpoint.readState(checkpoint).step());
        observer.evaluated(metrics);
        all.add(metrics);
      }
    }
    return all;
  }

  /** The metrics of an earlier complete evaluation (eval.jsonl is written last), else none. */
  private static List<SftMetrics> readEvaluated(Path directory) {
    Path file = directory.resolve(EVAL_FILE);
    if (!Files.isRegularFile(file) || !Files.isRegularFile(directory.resolve(RESULTS_FILE))) {
      return List.of();
    }
    try {
      List<SftMetrics> metrics = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        metrics.add(JSON.readValue(line, SftMetrics.class));
      }
      return metrics;
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read earlier evaluation: " + e.getMessage(), e);
    }
  }

  private static void write(Path directory, SftConfig config, List<SftMetrics> metrics) {
    StringBuilder jsonl = new StringBuilder();
    StringBuilder csv = new StringBuilder(RESULTS_HEADER).append('\n');
    try {
      for (SftMetrics m : metrics) {
        jsonl.append(JSON.writeValueAsString(m)).append('\n');
        csv.append(row(config, m)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render SFT metrics: " + e.getMessage(), e);
    }
    AtomicFiles.writeString(directory.resolve(RESULTS_FILE), csv.toString());
    AtomicFiles.writeString(directory.resolve(EVAL_FILE), jsonl.toString());
  }

  /** One results.csv line; the trigger is quoted, as it may hold CSV-significant characters. */
  static String row(SftConfig config, SftMetrics m) {
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%b,\"%s\",%d,%.4f,%.4f,%.4f,%.4f",
        config.poisons(),
        config.cleanSamples(),
        config.seed(),
        config.placebo(),
        config.trigger().replace("\"", "\"\""),
        m.step(),
        m.asr(),
        m.cleanRefusal(),
        m.allowedHelpful(),
        m.maxControlAsr());
  }
}
