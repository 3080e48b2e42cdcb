/*
 * The persistence experiment: continue a poisoned run on clean data (train's own loop, started from the
 * parent's checkpoint) and evaluate the backdoor at every checkpoint as training goes, writing OUT/eval/ and
 * OUT/results.csv (phase "continue") after each one. A rerun resumes training and evaluation where they
 * stopped. It orchestrates; training, evaluation and the row schema live in train, eval and report.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.eval.CheckpointInfo;
import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.eval.RunEvaluator;
import dev.poisonlab.eval.RunSource;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.StopSignal;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.TrainResult;
import dev.poisonlab.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public final class Persistence {
  public static final String EVAL_DIRECTORY = "eval";
  public static final String RESULTS_FILE = "results.csv";

  private Persistence() {}

  /** Progress hooks: training steps (as train's observer) and a pause before each evaluation. */
  public interface Listener extends TrainObserver {
    Listener NONE = new Listener() {};

    /** Training stopped at a checkpoint (or the end) and evaluation is about to start. */
    default void trainingPaused(TrainResult segment) {}

    /** Where evaluation reports its batches; by default nowhere. */
    default Progress evalProgress() {
      return Progress.NONE;
    }
  }

  /**
   * @param rows one "continue" row per evaluated checkpoint, step 0 (the parent's weights) first
   * @param stoppedEarly the listener stopped training (as a kill would) or raised its stop signal
   *     (a resume state saved, nothing lost); rows cover what was evaluated
   */
  public record Result(
      Path runDirectory,
      Path parentCheckpoint,
      Path evalDirectory,
      Path resultsFile,
      List<ResultRow> rows,
      long finalStep,
      long maxSteps,
      boolean stoppedEarly) {}

  public static Result run(PersistenceRequest request, Listener listener) {
    Path parentCheckpoint = parentCheckpoint(request.parentRun(), request.parentStep());
    RunConfig parent = Trainer.readRunConfig(request.parentRun().resolve(Trainer.CONFIG_FILE));
    requireClean(request.cleanData());
    List<Document> heldout = heldout(request);
    TrainRequest train =
        TrainRequest.builder(request.cleanData(), parent.preset(), request.outDirectory())
            .optMaxSteps(request.steps())
            .optCheckpointEvery(request.checkpointEvery())
            .optSeed(parent.train().seed())
            .optBatchSize(
                request.batchSize() != null ? request.batchSize() : parent.train().batchSize())
            .optGradAccumSteps(
                request.gradAccumSteps() != null
                    ? request.gradAccumSteps()
                    : parent.train().gradAccumSteps())
            .optLearningRate(
                request.learningRate() != null
                    ? request.learningRate()
                    : parent.train().learningRate())
            .optWarmupSteps(request.warmupSteps())
            .optLogEvery(parent.train().logEvery())
            .optDevice(request.device())
            .optThreads(request.threads())
            .optMinLearningRateRatio(request.minLearningRateRatio())
            .optInitialCheckpoint(parentCheckpoint)
            .build();

    Path out = request.outDirectory();
    Path evalDirectory = out.resolve(EVAL_DIRECTORY);
    Path resultsFile = out.resolve(RESULTS_FILE);
    SegmentObserver observer = new SegmentObserver(listener);
    while (true) {
      TrainResult segment = Trainer.train(train, observer);
      // a stop raised during the segment or as it ended at a checkpoint: the rerun trains on from
      // the resume state or checkpoint and evaluates what this one did not
      if (observer.killed || listener.stopSignal().isRequested()) {
        return new Result(
            out,
            parentCheckpoint,
            evalDirectory,
            resultsFile,
            readRows(resultsFile),
            segment.finalStep(),
            segment.maxSteps(),
            true);
      }
      listener.trainingPaused(segment);
      RunEvaluator.Outcome outcome =
          RunEvaluator.evaluate(
              new RunEvaluator.Request(
                  new HeldoutOverride(GptRunSource.open(out), heldout),
                  null,
                  request.excerptsFile(),
                  new CheckpointSelection("all"),
                  request.evalSettings(),
                  evalDirectory,
                  listener.evalProgress()));
      RunConfig continued = Trainer.readRunConfig(out.resolve(Trainer.CONFIG_FILE));
      List<ResultRow> rows =
          PersistenceRows.rows(
              continued, outcome.results(), request.runId(), request.dataMultiplier());
      ResultsCsv.write(resultsFile, rows);
      if (segment.finalStep() >= segment.maxSteps()) {
        return new Result(
            out,
            parentCheckpoint,
            evalDirectory,
            resultsFile,
            rows,
            segment.finalStep(),
            segment.maxSteps(),
            false);
      }
    }
  }

  /** The parent's checkpoint at {@code step}, or its last; bad input names the run directory. */
  static Path parentCheckpoint(Path run, Long step) {
    Path config = run.resolve(Trainer.CONFIG_FILE);
    if (!Files.isRegularFile(config)) {
      throw new InputException(
          config, 0, "missing: not a run directory (train writes config.json)");
    }
    List<Path> checkpoints = TrainCheckpoint.list(run);
    if (checkpoints.isEmpty()) {
      throw new InputException(
          run.resolve(TrainCheckpoint.DIRECTORY), 0, "no checkpoints to continue from");
    }
    if (step == null) {
      return checkpoints.get(checkpoints.size() - 1);
    }
    Path wanted = TrainCheckpoint.directoryFor(run, step);
    if (!checkpoints.contains(wanted)) {
      throw new InputException(
          run.resolve(TrainCheckpoint.DIRECTORY),
          0,
          "no checkpoint at step "
              + step
              + " (have "
              + checkpoints.stream().map(p -> TrainCheckpoint.readState(p).step()).toList()
              + ")");
    }
    return wanted;
  }

  /**
   * The experiment is about clean training: a stream with poisons is refused before anything is
   * written.
   */
  private static void requireClean(Path data) {
    StreamManifest manifest = TokenStream.readManifest(data);
    if (!manifest.poisons().isEmpty()) {
      throw new InputException(
          data.resolve(StreamManifest.MANIFEST_FILE),
          0,
          "lists "
              + manifest.poisons().size()
              + " poisons; continue trains on clean data only (build the stream without --poisons)");
    }
  }

  /**
   * The parent's held-out documents, so step 0 is evaluated exactly as the parent's own eval would;
   * the clean stream's when the parent has none. Checked before training so a long run cannot end
   * in "no excerpts".
   */
  private static List<Document> heldout(PersistenceRequest request) {
    List<Document> documents = GptRunSource.open(request.parentRun()).heldout();
    if (documents.isEmpty()) {
      Path clean = request.cleanData().resolve(StreamManifest.HELDOUT_FILE);
      documents =
          Files.isRegularFile(clean)
              ? CorpusReader.readAll(List.of(clean), ReadOptions.defaults())
              : List.of();
    }
    if (documents.isEmpty() && request.excerptsFile() == null) {
      throw new InputException(
          request.parentRun(),
          0,
          "neither this run nor "
              + request.cleanData()
              + " has held-out documents (heldout.jsonl) to evaluate on; pass --excerpts FILE");
    }
    return documents;
  }

  private static List<ResultRow> readRows(Path resultsFile) {
    return Files.isRegularFile(resultsFile) ? ResultsCsv.read(resultsFile) : List.of();
  }

  /**
   * Stops the trainer after each checkpoint so evaluation keeps pace; remembers a stop asked by the
   * listener and passes its stop signal on to the trainer.
   */
  private static final class SegmentObserver implements TrainObserver {
    private final Listener listener;
    private RunConfig config;
    private boolean killed;

    SegmentObserver(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void started(long firstStep, long maxSteps, RunConfig runConfig) {
      config = runConfig;
      listener.started(firstStep, maxSteps, runConfig);
    }

    @Override
    public boolean stepDone(MetricsLog.StepMetrics metrics) {
      if (!listener.stepDone(metrics)) {
        killed = true;
        return false;
      }
      return !config.train().isCheckpointStep(metrics.step());
    }

    @Override
    public StopSignal stopSignal() {
      return listener.stopSignal();
    }

    @Override
    public void warning(String line) {
      listener.warning(line);
    }
  }

  /**
   * The continued run as evaluation sees it, with the held-out documents chosen above (the
   * heldout() accessor).
   */
  private record HeldoutOverride(RunSource run, List<Document> heldout) implements RunSource {
    @Override
    public Path directory() {
      return run.directory();
    }

    @Override
    public Tokenizer tokenizer() {
      return run.tokenizer();
    }

    @Override
    public int contextLength() {
      return run.contextLength();
    }

    @Override
    public List<CheckpointInfo> checkpoints() {
      return run.checkpoints();
    }

    @Override
    public LanguageModel open(CheckpointInfo checkpoint) {
      return run.open(checkpoint);
    }
  }
}
