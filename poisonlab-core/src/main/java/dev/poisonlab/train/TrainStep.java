/*
 * One optimizer step, the loop body shared by training and the benchmark: gradient accumulation over
 * grad_accum_steps micro-batches (each loss scaled by 1/steps), then clip + AdamW. Every NDArray it makes
 * lives in one sub-manager of the model's manager that closes when the step ends, so memory stays flat.
 * An optional listener receives each micro-batch's per-token losses (training-time monitoring); without one
 * the step computes exactly what it always did. A step whose loss or gradient norm is NaN or infinite is not
 * applied (its gradients are dropped); the caller decides whether that stops training or skips the batch.
 */
package dev.poisonlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.poisonlab.model.GptModel;

public final class TrainStep {
  private final GptModel model;
  private final AdamW optimizer;
  private final TrainConfig config;
  private final int[] inputs;
  private final int[] targets;

  public TrainStep(GptModel model, AdamW optimizer, TrainConfig config) {
    this.model = model;
    this.optimizer = optimizer;
    this.config = config;
    int tokens = config.batchSize() * model.config().contextLength();
    this.inputs = new int[tokens];
    this.targets = new int[tokens];
  }

  /** Mean loss over the step's micro-batches and the gradient norm before clipping. */
  public record Outcome(float loss, float gradNorm) {
    /** Whether the update was applied: only when both the loss and the gradient norm are finite. */
    public boolean finite() {
      return Float.isFinite(loss) && Float.isFinite(gradNorm);
    }
  }

  /**
   * Receives a micro-batch's next-token losses in nats, (batch x time) row-major, right after its
   * forward.
   */
  @FunctionalInterface
  public interface TokenLossListener {
    void microBatch(float[] tokenLosses, int batch, int time);
  }

  public Outcome run(BatchSource batches, double learningRate) {
    return run(batches, learningRate, null);
  }

  public Outcome run(BatchSource batches, double learningRate, TokenLossListener listener) {
    try (NDManager scope = model.manager().newSubManager()) {
      float loss = backward(scope, batches, listener);
      AdamW.Gradients gradients = optimizer.gradients(scope);
      Outcome outcome = new Outcome(loss, gradients.norm());
      if (outcome.finite()) {
        optimizer.apply(gradients, learningRate);
      } else {
        optimizer.discard(gradients);
      }
      return outcome;
    }
  }

  /**
   * The first half of {@link #run}: the micro-batches forward and backward, their gradients summed
   * on the parameters, and no update; returns the mean loss. For tests that compare the accumulated
   * gradient itself (the update hides it: AdamW's first step moves each weight by about lr·sign).
   */
  public float accumulate(BatchSource batches) {
    try (NDManager scope = model.manager().newSubManager()) {
      return backward(scope, batches, null);
    }
  }

  private float backward(NDManager scope, BatchSource batches, TokenLossListener listener) {
    int batch = config.batchSize();
    int time = model.config().contextLength();
    int microSteps = config.gradAccumSteps();
    double lossSum = 0;
    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
      for (int micro = 0; micro < microSteps; micro++) {
        batches.next(batch, time, inputs, targets);
        NDArray inputIds = GptModel.tokens(scope, inputs, batch, time);
        NDArray targetIds = GptModel.tokens(scope, targets, batch, time);
        NDArray loss;
        if (listener == null) {
          loss = model.loss(inputIds, targetIds, true); // ()
        } else {
          NDArray tokenLosses = model.tokenLosses(inputIds, targetIds, true); // (B,T)
          listener.microBatch(tokenLosses.toFloatArray(), batch, time);
          loss = tokenLosses.mean(); // ()
        }
        // a divisor tensor that owns its memory; see CausalSelfAttention.queryKeyValue for why
        // not div(int)
        collector.backward(microSteps == 1 ? loss : loss.div(scope.full(new Shape(), microSteps)));
        lossSum += loss.getFloat();
      }
    }
    return (float) (lossSum / microSteps);
  }
}
