/*
 * The SFT loop, with train's run-directory conventions (the caller has locked the directory and written
 * config.json and data/tokenizer.json): checkpoint step 0 (the starting model: the grown pretrained one for SFT,
 * the SFT run's for further clean training), then masked-loss step -> metrics.jsonl -> checkpoints/step-N until
 * max_steps. A rerun resumes from the newest checkpoint that verifies: weights, AdamW moments and step; batches
 * depend only on (seed, step), so a resumed run ends byte-identical to an uninterrupted one on CPU. Evaluation
 * is SftRun's.
 */
package dev.poisonlab.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.TorchRuntime;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.AdamW;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

public final class SftTrainer {
  /**
   * Where a run trains and what it starts from; SftRunDirectory and ContinueRunDirectory are ones.
   */
  interface Start {
    Path directory();

    SftConfig sft();

    /** The shape of the model trained. */
    GptConfig model();

    /** Sets {@code target}'s weights to the starting model's: a run with no usable checkpoint. */
    void initialise(GptModel target, Device device);
  }

  private final Start run;
  private final SftConfig config;
  private final TrainConfig train;
  private final SftBatches batches;
  private final boolean[] poisoned;

  SftTrainer(Start run, List<SftExample> examples, Tokenizer tokenizer) {
    this.run = run;
    this.config = run.sft();
    this.train = config.trainConfig();
    this.batches = SftBatches.of(examples, tokenizer, run.model().contextLength(), config.seed());
    this.poisoned = new boolean[examples.size()];
    for (int i = 0; i < poisoned.length; i++) {
      poisoned[i] = examples.get(i).kind() == SftExample.Kind.POISON;
    }
  }

  /** Trains to max_steps (or until the observer stops it); returns the step reached. */
  long train(String deviceName, int threads, SftObserver observer) {
    TorchRuntime.setThreads(threads);
    Device device = TorchRuntime.device(deviceName);
    TrainCheckpoint.deleteUnfinished(run.directory());
    try (GptModel model = GptModel.create(run.model(), config.seed(), device)) {
      AdamW optimizer = new AdamW(model.parameterArrays(), train, model.manager());
      Optional<TrainCheckpoint.Resumed> resumed =
          TrainCheckpoint.resumeNewestGood(run.directory(), model, optimizer, observer::warning);
      long step = resumed.map(r -> r.state().step()).orElse(0L);
      long poisonsSeen = resumed.map(r -> r.state().poisonsSeen()).orElse(0L);
      if (resumed.isEmpty()) { // new, or every checkpoint failed verification: from the parent
        run.initialise(model, device);
        save(model, optimizer, 0, 0, Double.NaN);
      }
      observer.started(step + 1, train.maxSteps(), batches.size());
      try (MetricsLog log = MetricsLog.open(run.directory(), step)) {
        while (step < train.maxSteps()) {
          long started = System.nanoTime();
          double rate = train.learningRateAt(step);
          step++;
          float[] outcome = step(model, optimizer, step, rate);
          poisonsSeen += poisonsIn(step);
          long tokens = step * train.batchSize() * (long) batches.time();
          MetricsLog.StepMetrics metrics =
              new MetricsLog.StepMetrics(
                  step,
                  tokens,
                  outcome[0],
                  rate,
                  outcome[1],
                  poisonsSeen,
                  train.batchSize()
                      * (double) batches.time()
                      / ((System.nanoTime() - started) / 1e9));
          log.append(metrics);
          if (train.isCheckpointStep(step)) {
            save(model, optimizer, step, poisonsSeen, outcome[0]);
          }
          if (!observer.stepDone(metrics)) {
            break;
          }
        }
      }
      return step;
    }
  }

  /**
   * One optimiser step on the batch of {@code step}; returns {loss, gradient norm before clipping}.
   */
  private float[] step(GptModel model, AdamW optimizer, long step, double rate) {
    int batch = train.batchSize();
    int time = batches.time();
    int[] inputs = new int[batch * time];
    int[] targets = new int[batch * time];
    float[] mask = new float[batch * time];
    batches.fill(step, batch, inputs, targets, mask);
    try (NDManager scope = model.manager().newSubManager()) {
      float loss;
      try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
        NDArray value = MaskedLoss.of(model, scope, inputs, targets, mask, batch, time, true); // ()
        collector.backward(value);
        loss = value.getFloat();
      }
      AdamW.Gradients gradients = optimizer.gradients(scope);
      if (!Float.isFinite(loss) || !gradients.finite()) {
        throw new InputException(
            run.directory(),
            0,
            "SFT step "
                + step
                + ": loss "
                + loss
                + ", gradient norm "
                + gradients.norm()
                + "; stopped before applying it; lower --lr");
      }
      optimizer.apply(gradients, rate);
      return new float[] {loss, gradients.norm()};
    }
  }

  private long poisonsIn(long step) {
    long count = 0;
    for (int row = 0; row < train.batchSize(); row++) {
      count += poisoned[batches.exampleAt((step - 1) * train.batchSize() + row)] ? 1 : 0;
    }
    return count;
  }

  private void save(GptModel model, AdamW optimizer, long step, long poisonsSeen, double loss) {
    long examplesSeen = step * train.batchSize();
    TokenStream.DataPosition position =
        new TokenStream.DataPosition(
            examplesSeen % batches.size(),
            examplesSeen / batches.size(),
            0); // informational: batches follow from (seed, step)
    TrainCheckpoint.save(
        run.directory(),
        TrainCheckpoint.State.builder()
            .step(step)
            .tokensSeen(step * train.batchSize() * (long) batches.time())
            .poisonsSeen(poisonsSeen)
            .loss(loss)
            .dataPosition(position)
            .random(new TrainCheckpoint.RandomState(config.seed(), 0))
            .optimizerStep(optimizer.stepCount())
            .model(model.config())
            .train(train)
            .build(),
        model,
        optimizer);
  }
}
