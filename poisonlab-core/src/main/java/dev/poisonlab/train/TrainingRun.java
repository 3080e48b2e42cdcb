/*
 * One training call on a locked, prepared run directory: resume from the newest good checkpoint (or save step
 * 0 of a continued run), then step -> log -> checkpoint until max_steps or until the observer stops it (on its
 * stop signal, with a resume state saved). The loop reads top to bottom as one step; each part of it is a named
 * method here. Not the planning or the directory's setup (RunPlan, RunDirectory), and it prints nothing: the
 * observer hears of every step.
 */
package dev.poisonlab.train;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

final class TrainingRun {
  private final TrainRequest request;
  private final TrainObserver observer;
  private final TokenStream stream;
  private final RunConfig runConfig;
  private final TrainConfig config;
  private final GptConfig modelConfig;
  private final GptModel model;
  private final AdamW optimizer;
  private final Path run;
  private final long tokensPerStep;

  private long step;
  private long skipped;
  private double loss = Double.NaN;
  private Path lastCheckpoint;

  TrainingRun(
      TrainRequest request,
      TrainObserver observer,
      TokenStream stream,
      RunConfig runConfig,
      GptModel model,
      AdamW optimizer) {
    this.request = request;
    this.observer = observer;
    this.stream = stream;
    this.runConfig = runConfig;
    this.config = runConfig.train();
    this.modelConfig = runConfig.model();
    this.model = model;
    this.optimizer = optimizer;
    this.run = request.runDirectory();
    this.tokensPerStep = config.tokensPerStep(modelConfig.contextLength());
  }

  /**
   * Trains from where the run stands to max_steps (or until the observer stops it); {@code
   * existing}: the run directory already held this run, so it may have checkpoints to resume from.
   */
  TrainResult train(boolean existing, long startNanos) {
    boolean resumed = existing && resume();
    if (!resumed && runConfig.isContinued()) {
      saveParentWeights();
    }
    long resumedFrom = step;
    boolean stopped = loop();
    return TrainResult.builder()
        .runDirectory(run)
        .resumedFromStep(resumedFrom)
        .finalStep(step)
        .maxSteps(config.maxSteps())
        .finalLoss(loss)
        .tokensSeen(step * tokensPerStep)
        .poisonsSeen(stream.poisonsSeen())
        .stoppedEarly(stopped)
        .lastCheckpoint(lastCheckpoint)
        .seconds((System.nanoTime() - startNanos) / 1e9)
        .build();
  }

  /**
   * Loads the newest checkpoint that verifies, with its data position, step, loss and skips; false
   * when there is none.
   */
  private boolean resume() {
    Optional<TrainCheckpoint.Resumed> resumed =
        TrainCheckpoint.resumeNewestGood(run, model, optimizer, observer::warning);
    if (resumed.isPresent()) {
      TrainCheckpoint.State state = resumed.get().state();
      lastCheckpoint = resumed.get().directory();
      stream.seek(state.dataPosition());
      step = state.step();
      loss = state.loss();
      skipped = state.skippedBatches();
    }
    return resumed.isPresent();
  }

  /**
   * A continued run starts from its parent's weights with fresh AdamW moments; step 0 is saved so
   * the parent's weights are evaluated like any checkpoint.
   */
  private void saveParentWeights() {
    model.loadWeights(request.initialCheckpoint().resolve(GptCheckpoint.WEIGHTS_FILE));
    TrainCheckpoint.State state =
        TrainCheckpoint.State.builder()
            .step(0)
            .tokensSeen(0)
            .poisonsSeen(0)
            .loss(Double.NaN)
            .dataPosition(stream.position())
            .random(new TrainCheckpoint.RandomState(config.seed(), 0))
            .optimizerStep(0)
            .model(modelConfig)
            .train(config)
            .build();
    lastCheckpoint = TrainCheckpoint.save(run, state, model, optimizer);
  }

  /**
   * Steps until max_steps; true when the observer stopped the run first, or asked it to stop
   * through its signal (then after saving a resume state).
   */
  private boolean loop() {
    StopSignal stop = observer.stopSignal();
    stop.enter();
    try {
      return loop(stop);
    } finally {
      stop.exit();
    }
  }

  private boolean loop(StopSignal stop) {
    try (MetricsLog log = MetricsLog.open(run, step);
        SequenceLog sequences =
            request.options().logSequences()
                ? SequenceLog.open(run, step, modelConfig.contextLength())
                : null) {
      observer.started(step + 1, config.maxSteps(), runConfig);
      TrainStep trainStep = new TrainStep(model, optimizer, config);
      long intervalStart = System.nanoTime();
      long intervalSteps = 0;
      while (step < config.maxSteps()) {
        double learningRate = config.learningRateAt(step);
        TrainStep.Outcome outcome = runStep(trainStep, sequences, learningRate);
        if (!outcome.finite()) {
          requireSkipping(step + 1, outcome);
          skipped++;
        }
        step++;
        intervalSteps++;
        loss = outcome.loss();
        MetricsLog.StepMetrics metrics =
            metrics(learningRate, outcome, intervalSteps, intervalStart);
        if (step % config.logEvery() == 0 || step == config.maxSteps()) {
          log.append(metrics);
          intervalStart = System.nanoTime();
          intervalSteps = 0;
        }
        if (config.isCheckpointStep(step)) {
          saveCheckpoint();
        }
        if (!observer.stepDone(metrics)) {
          return true;
        }
        if (stop.isRequested() && step < config.maxSteps()) {
          saveResumeState();
          return true;
        }
      }
      return false;
    }
  }

  /** One optimizer step, its sequences logged when the request asks for them. */
  private TrainStep.Outcome runStep(
      TrainStep trainStep, SequenceLog sequences, double learningRate) {
    if (sequences == null) {
      return trainStep.run(stream, learningRate);
    }
    long stepNumber = step + 1;
    TrainStep.Outcome outcome =
        trainStep.run(
            stream,
            learningRate,
            (losses, batch, time) ->
                sequences.append(stepNumber, stream.lastRowOffsets(), losses, batch, time));
    sequences.flush();
    return outcome;
  }

  /** The metrics of the step just taken; throughput over the steps since the last logged one. */
  private MetricsLog.StepMetrics metrics(
      double learningRate, TrainStep.Outcome outcome, long intervalSteps, long intervalStart) {
    double seconds = (System.nanoTime() - intervalStart) / 1e9;
    return new MetricsLog.StepMetrics(
        step,
        step * tokensPerStep,
        loss,
        learningRate,
        outcome.gradNorm(),
        stream.poisonsSeen(),
        intervalSteps * tokensPerStep / seconds,
        skipped);
  }

  private void saveCheckpoint() {
    lastCheckpoint = TrainCheckpoint.save(run, currentState(), model, optimizer);
    ResumeState.deleteBefore(run, step + 1);
  }

  /**
   * Off the checkpoint schedule, where evaluation does not look (ResumeState); at a checkpoint step
   * the checkpoint just saved is the resume state.
   */
  private void saveResumeState() {
    if (!config.isCheckpointStep(step)) {
      lastCheckpoint = ResumeState.save(run, currentState(), model, optimizer);
    }
  }

  private TrainCheckpoint.State currentState() {
    return TrainCheckpoint.State.builder()
        .step(step)
        .tokensSeen(step * tokensPerStep)
        .poisonsSeen(stream.poisonsSeen())
        .loss(loss)
        .dataPosition(stream.position())
        .random(new TrainCheckpoint.RandomState(config.seed(), 0))
        .optimizerStep(optimizer.stepCount())
        .model(modelConfig)
        .train(config)
        .skippedBatches(skipped)
        .build();
  }

  /**
   * A step that was not applied (NaN or infinite loss or gradient norm) ends the run with one line
   * naming the step, unless the request skips such steps. Nothing of the bad step reaches a
   * checkpoint either way.
   */
  private void requireSkipping(long stepNumber, TrainStep.Outcome outcome) {
    if (!request.options().skipNonfinite()) {
      throw new InputException(
          request.runDirectory(),
          0,
          String.format(
              Locale.ROOT,
              "step %d: loss %s, gradient norm %s; stopped before applying it (last checkpoint: %s); lower --lr, or"
                  + " pass --skip-nonfinite to skip such batches",
              stepNumber,
              outcome.loss(),
              outcome.gradNorm(),
              lastCheckpoint == null ? "none" : lastCheckpoint.getFileName()));
    }
  }
}
