/*
 * One grid run from start to finish, every stage resumable: poisons (runs/<id>/poisons.jsonl), for a defended
 * run the filter (runs/<id>/defense.json), the training stream (runs/<id>/stream), training (runs/<id>/train,
 * which resumes from its last checkpoint) and evaluation of every checkpoint (runs/<id>/eval, which skips
 * evaluated ones). It returns the run's results.csv rows.
 * It calls each stage's library entry point; it adds no behaviour of its own beyond choosing their inputs
 * (poison lengths and stream placement both use the run's model context).
 */
package dev.poisonlab.experiment;

import dev.poisonlab.corpus.Budget;
import dev.poisonlab.corpus.BuildConfig;
import dev.poisonlab.corpus.BuildOptions;
import dev.poisonlab.corpus.StreamBuilder;
import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.RunEvaluator;
import dev.poisonlab.io.Progress;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.PoisonGenerator;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.ProgressObserver;
import dev.poisonlab.train.StopSignal;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.TrainResult;
import dev.poisonlab.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

final class RunPipeline {
  private final GridWorkspace workspace;
  private final Path tokenizerFile;
  private final Tokenizer tokenizer;
  private final Progress progress;
  private final PrintWriter log;
  private final int threads;
  private final StopSignal stop;

  RunPipeline(
      GridWorkspace workspace,
      Path tokenizerFile,
      Progress progress,
      PrintWriter log,
      int threads,
      StopSignal stop) {
    this.workspace = workspace;
    this.tokenizerFile = tokenizerFile;
    this.tokenizer = Tokenizers.load(tokenizerFile);
    this.progress = progress;
    this.log = log;
    this.threads = threads;
    this.stop = stop;
  }

  /** The model shape a run trains: the preset at the grid tokenizer's vocabulary size. */
  GptConfig modelConfig(RunSpec run) {
    return ModelPreset.byName(run.model()).config(tokenizer.vocabSize());
  }

  /**
   * A run's stream budget: the model's Chinchilla tokens x the grid's tokens_per_param x its
   * multiplier.
   */
  static Budget budget(GridSpec spec, GptConfig model, RunSpec run) {
    return Budget.chinchilla(model.parameterCount(), spec.tokensPerParam(), run.dataMultiplier());
  }

  /** Tokens per training step: the grid's batch_size sequences of the model's context. */
  static long tokensPerStep(GridSpec spec, GptConfig model) {
    return (long) spec.batchSize() * model.contextLength();
  }

  /**
   * Training steps for a stream of {@code budgetTokens}: whole batches of the grid's batch_size.
   */
  static long maxSteps(GridSpec spec, GptConfig model, long budgetTokens) {
    return Math.max(1, budgetTokens / tokensPerStep(spec, model));
  }

  List<ResultRow> run(RunSpec run) {
    GridSpec spec = workspace.spec();
    Path directory = workspace.runDirectory(run);
    Path poisons =
        run.isCleanTwin() ? null : ensurePoisons(run, directory.resolve("poisons.jsonl"));
    RunDefense.Outcome defense =
        run.isDefended() ? RunDefense.ensure(run, workspace.corpus(), poisons, directory) : null;
    Set<String> dropped = defense == null ? Set.of() : Set.copyOf(defense.droppedIds());
    Path stream = ensureStream(run, poisons, dropped, directory.resolve("stream"));
    StreamManifest manifest = StreamDirectory.readManifest(stream);
    GptConfig model = modelConfig(run);
    long maxSteps = maxSteps(spec, model, manifest.budgetTokens());
    long checkpointEvery = Math.max(1, (maxSteps + spec.checkpoints() - 1) / spec.checkpoints());
    Path trainDirectory = directory.resolve("train");
    TrainRequest request =
        TrainRequest.builder(stream, run.model(), trainDirectory)
            .optMaxSteps(maxSteps)
            .optCheckpointEvery(checkpointEvery)
            .optSeed(run.seed())
            .optBatchSize(spec.batchSize())
            .optThreads(threads)
            .build();
    TrainResult trained;
    try (ProgressObserver observer =
        new ProgressObserver(
            "train", progress, line -> log.println(run.id() + ": warning: " + line), stop)) {
      trained = Trainer.train(request, observer);
    }
    if (trained.stoppedEarly()) {
      throw new StopSignal.Stopped(
          run.id() + ": stopped at step " + trained.finalStep() + ", saved to resume there");
    }
    EvalSettings settings =
        EvalSettings.builder()
            .optCount(spec.evalCount())
            .optTrigger(spec.triggerOf(run))
            .optControlTriggers(spec.controlTriggers())
            .optPromptTokens(spec.evalPromptTokens())
            .optNewTokens(spec.evalNewTokens())
            .optSeed(run.seed())
            .build();
    RunEvaluator.Outcome evaluated =
        RunEvaluator.evaluate(
            new RunEvaluator.Request(
                GptRunSource.open(trainDirectory),
                null,
                workspace.excerpts(),
                new CheckpointSelection("all"),
                settings,
                directory.resolve("eval"),
                progress));
    return ResultRows.of(
            run,
            model,
            trained.maxSteps(),
            spec.controlTriggers(),
            evaluated.results(),
            manifest.poisons().size(),
            defense == null ? 0 : defense.cleanDropped())
        .stream()
        .map(row -> ResultRows.labelled(spec, run, row))
        .toList();
  }

  private Path ensurePoisons(RunSpec run, Path file) {
    if (!Files.isRegularFile(file)) {
      PoisonConfig config =
          PoisonConfig.builder(workspace.corpus())
              .count(run.numPoisonDocs())
              .strategy(workspace.spec().strategyOf(run))
              .topic(workspace.spec().keywordOf(workspace.spec().strategyOf(run)))
              .trigger(workspace.spec().triggerOf(run))
              .seed(run.seed())
              .context(modelConfig(run).contextLength())
              .placebo(run.placebo())
              .build();
      PoisonGenerator.run(config, tokenizer, file);
    }
    return file;
  }

  private Path ensureStream(RunSpec run, Path poisons, Set<String> dropped, Path out) {
    if (Files.isRegularFile(out.resolve(StreamManifest.MANIFEST_FILE))) {
      return out;
    }
    GridSpec spec = workspace.spec();
    Budget budget = budget(spec, modelConfig(run), run);
    BuildConfig config =
        BuildConfig.builder()
            .corpus(workspace.corpus())
            .budget(budget)
            .seed(run.seed())
            .optPoisons(poisons)
            .optTokenizerFile(tokenizerFile)
            .optDroppedIds(dropped)
            .optContext(modelConfig(run).contextLength())
            .build();
    StreamBuilder.build(
        config, new BuildOptions(out, false, Math.max(2, threads), progress), tokenizer);
    return out;
  }
}
