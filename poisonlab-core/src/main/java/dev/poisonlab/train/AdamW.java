/*
 * AdamW (Loshchilov & Hutter) with PyTorch's semantics: decoupled weight decay w -= lr·wd·w on tensors of
 * two or more dimensions (nanoGPT's rule: matrices and embeddings decay, biases and LayerNorm do not),
 * bias-corrected moments, and the global-norm gradient clip folded into the update as a gradient scale.
 * Each tensor is updated in place by one fused engine call (DJL's adamUpdate), which also zeroes its
 * gradient. State (exp_avg, exp_avg_sq, step) is plain named NDArrays, so a checkpoint holds it exactly.
 */
package dev.poisonlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;

public final class AdamW {
  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final TrainConfig config;
  private long step;

  /**
   * State arrays live in {@code stateManager} (the model's manager: same device, same lifetime).
   */
  public AdamW(Map<String, NDArray> parameters, TrainConfig config, NDManager stateManager) {
    this.parameters = new LinkedHashMap<>(parameters);
    this.config = config;
    parameters.forEach(
        (name, array) -> {
          firstMoments.put(name, stateManager.zeros(array.getShape(), array.getDataType()));
          secondMoments.put(name, stateManager.zeros(array.getShape(), array.getDataType()));
        });
  }

  /** Whether a tensor decays: nanoGPT decays every parameter with at least two dimensions. */
  public static boolean decays(NDArray parameter) {
    return parameter.getShape().dimension() >= 2;
  }

  /**
   * A step's accumulated gradients (attached to the step's scope) and their global L2 norm before
   * clipping.
   */
  public record Gradients(Map<String, NDArray> arrays, float norm) {
    /**
     * Whether an update from these gradients can be trusted: a NaN or infinite norm would poison
     * every weight.
     */
    public boolean finite() {
      return Float.isFinite(norm);
    }
  }

  /**
   * Clips the accumulated gradients to global L2 norm grad_clip, applies one AdamW update at
   * learning rate {@code learningRate} and zeroes the gradients. Temporaries live in {@code scope}.
   * Returns the norm before clipping.
   */
  public float step(NDManager scope, double learningRate) {
    Gradients gradients = gradients(scope);
    apply(gradients, learningRate);
    return gradients.norm();
  }

  /**
   * The accumulated gradients and their norm, without changing anything; temporaries live in {@code
   * scope}.
   */
  public Gradients gradients(NDManager scope) {
    Map<String, NDArray> gradients = new LinkedHashMap<>();
    NDList squaredNorms = new NDList(parameters.size());
    parameters.forEach(
        (name, parameter) -> {
          NDArray gradient = parameter.getGradient();
          gradient.attach(scope); // the engine hands out a new wrapper per call; the scope frees it
          gradients.put(name, gradient);
          squaredNorms.add(gradient.square().sum()); // ()
        });
    float norm = (float) Math.sqrt(NDArrays.stack(squaredNorms).sum().getFloat());
    return new Gradients(gradients, norm);
  }

  /** One AdamW update from {@code gradients} (clipped by their norm), which also zeroes them. */
  public void apply(Gradients gradients, double learningRate) {
    // torch.nn.utils.clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is below one
    double gradScale = Math.min(1.0, config.gradClip() / (gradients.norm() + 1e-6));
    step++;
    double firstCorrection = 1 - Math.pow(config.beta1(), step);
    double secondCorrection = Math.sqrt(1 - Math.pow(config.beta2(), step));
    // the fused op computes w -= lrc·m / (√v + eps'); PyTorch's w -= lr/c1 · m / (√v/√c2 + eps) is
    // the
    // same with lrc = lr·√c2/c1 and eps' = eps·√c2
    float correctedRate = (float) (learningRate * secondCorrection / firstCorrection);
    float correctedEpsilon = (float) (config.epsilon() * secondCorrection);
    parameters.forEach(
        (name, parameter) -> {
          float decay = decays(parameter) ? (float) config.weightDecay() : 0f;
          parameter
              .getNDArrayInternal()
              .adamUpdate(
                  new NDList(
                      parameter,
                      gradients.arrays().get(name),
                      firstMoments.get(name),
                      secondMoments.get(name)),
                  new NDList(parameter),
                  (float) learningRate,
                  correctedRate,
                  decay,
                  (float) gradScale,
                  -1f,
                  (float) config.beta1(),
                  (float) config.beta2(),
                  correctedEpsilon,
                  false,
                  true);
        });
  }

  /**
   * Drops {@code gradients} without an update: zeroed, so the next step does not accumulate onto
   * them.
   */
  public void discard(Gradients gradients) {
    gradients.arrays().values().forEach(gradient -> gradient.set(new NDIndex("..."), 0f));
  }

  /** Optimizer steps taken so far (PyTorch's state["step"]). */
  public long stepCount() {
    return step;
  }

  public void restoreStepCount(long steps) {
    step = steps;
  }

  /** Moments under "exp_avg.NAME" and "exp_avg_sq.NAME", PyTorch's state names. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((name, array) -> state.put("exp_avg." + name, array));
    secondMoments.forEach((name, array) -> state.put("exp_avg_sq." + name, array));
    return state;
  }
}
