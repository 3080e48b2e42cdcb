/*
 * The SFT objective: next-token cross-entropy averaged over the positions whose mask is 1 (the assistant turn's
 * tokens and its closing <|end|>), so the user turn and padding cost nothing. A batch with no masked position
 * has loss 0 rather than 0/0. Not a training step: SftTrainer applies the optimiser.
 */
package dev.poisonlab.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.poisonlab.model.GptModel;

public final class MaskedLoss {
  private MaskedLoss() {}

  /** Mean loss over masked positions, a scalar; inputs, targets and mask are (B,T) row-major. */
  public static NDArray of(
      GptModel model,
      NDManager scope,
      int[] inputs,
      int[] targets,
      float[] mask,
      int batch,
      int time,
      boolean training) {
    NDArray inputIds = GptModel.tokens(scope, inputs, batch, time); // (B,T)
    NDArray targetIds = GptModel.tokens(scope, targets, batch, time); // (B,T)
    NDArray weights = scope.create(mask, new Shape(batch, time)); // (B,T)
    NDArray losses = model.tokenLosses(inputIds, targetIds, training); // (B,T)
    float counted = 0;
    for (float m : mask) {
      counted += m;
    }
    // the count is a constant of the batch: a tensor that owns its memory, as TrainStep's divisor
    // does
    return losses.mul(weights).sum().div(scope.full(new Shape(), Math.max(1f, counted))); // ()
  }
}
