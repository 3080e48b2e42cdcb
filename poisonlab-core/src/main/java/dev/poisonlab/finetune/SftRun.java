/*
 * The whole SFT stage for one run: lock the run directory, prepare it, build the task's examples (clean set +
 * poisons, or the placebo's untriggered twins), train (resuming if it can), then evaluate every checkpoint and
 * write eval.jsonl and results.csv (one row per checkpoint: poisons, clean_samples, seed, ..., asr,
 * clean_refusal), so a grid can collect rows. A rerun of a finished run reads its evaluation back; an
 * interrupted evaluation is redone in full (it is deterministic). SftContinuation shares the train-and-evaluate
 * half.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.eval.GptLanguageModel;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.TrainCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

public final class SftRun {
  public static final String EVAL_FILE = "eval.jsonl";
  public static final String RESULTS_FILE = "results.csv";
  public static final String RESULTS_HEADER =
      "poisons,clean_samples,seed,placebo,trigger,step,asr,clean_refusal,"
          + "allowed_helpful,max_control_asr";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SftRun() {}

  /**
   * What a finished (or stopped) run reports; {@code readBack}: finished by an earlier invocation,
   * its evaluation read from eval.jsonl.
   */
  public record Result(
      Path runDirectory,
      long step,
      long maxSteps,
      List<SftMetrics> metrics,
      Path resultsFile,
      boolean readBack) {
    public boolean finished() {
      return step >= maxSteps;
    }
  }

  public static Result run(SftRequest request, RefusalTask task, SftObserver observer) {
    // the parent is checked before the lock creates the run directory: bad input leaves nothing
    SftRunDirectory.Expected expected =
        SftRunDirectory.expected(
            request.pretrainedRun(), request.checkpointStep(), request.config());
    try (DirectoryLock lock = DirectoryLock.acquire(request.runDirectory())) {
      SftRunDirectory run = SftRunDirectory.prepare(request, expected);
      SftConfig config = run.sft();
      return trainAndEvaluate(
          run,
          run.tokenizer(),
          () -> examples(task, config),
          new SftEvaluator(run.tokenizer(), task, config),
          request.device(),
          request.threads(),
          observer,
          RESULTS_HEADER,
          metrics -> row(config, metrics));
    }
  }

  /**
   * Trains {@code run} (locked and prepared by the caller) to max_steps, then evaluates every
   * checkpoint and writes eval.jsonl and results.csv ({@code header}, one {@code row} per
   * checkpoint). A run whose evaluation is complete is read back without loading a model: both
   * files are written only after training reached max_steps, eval.jsonl last.
   */
  static Result trainAndEvaluate(
      SftTrainer.Start run,
      Tokenizer tokenizer,
      Supplier<List<SftExample>> examples,
      SftEvaluator evaluator,
      String device,
      int threads,
      SftObserver observer,
      String header,
      Function<SftMetrics, String> row) {
    long maxSteps = run.sft().maxSteps();
    Path results = run.directory().resolve(RESULTS_FILE);
    List<SftMetrics> earlier = readEvaluated(run.directory());
    if (!earlier.isEmpty()) {
      return new Result(run.directory(), maxSteps, maxSteps, earlier, results, true);
    }
    long step = new SftTrainer(run, examples.get(), tokenizer).train(device, threads, observer);
    if (step < maxSteps) {
      return new Result(run.directory(), step, maxSteps, List.of(), results, false);
    }
    List<SftMetrics> metrics = evaluateAll(run.directory(), evaluator, observer);
    write(run.directory(), header, row, metrics);
    return new Result(run.directory(), step, maxSteps, metrics, results, false);
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
      Path directory, SftEvaluator evaluator, SftObserver observer) {
    List<SftMetrics> all = new ArrayList<>();
    for (Path checkpoint : TrainCheckpoint.list(directory)) {
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

  private static void write(
      Path directory, String header, Function<SftMetrics, String> row, List<SftMetrics> metrics) {
    StringBuilder jsonl = new StringBuilder();
    StringBuilder csv = new StringBuilder(header).append('\n');
    try {
      for (SftMetrics m : metrics) {
        jsonl.append(JSON.writeValueAsString(m)).append('\n');
        csv.append(row.apply(m)).append('\n');
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
