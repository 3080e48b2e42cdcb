/*
 * A GPT with its weights: the Gpt block, the NDManager that owns the parameters, and what callers need
 * around the forward pass (logits, per-token losses, mean loss, safetensors weights I/O). Initialisation
 * is GPT-2's (normal std 0.02; residual projections 0.02/√(2N); zero biases; unit LayerNorm), drawn in
 * Java from the seed, so the same seed gives the same weights on any device. Not a trainer.
 */
package dev.poisonlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

public final class GptModel implements AutoCloseable {
  private static final double INIT_STD = 0.02;

  private final GptConfig config;
  private final NDManager manager;
  private final Gpt gpt;
  private final Map<String, Parameter> parameters;
  private final ParameterStore store;

  private GptModel(GptConfig config, NDManager manager, Gpt gpt) {
    this.config = config;
    this.manager = manager;
    this.gpt = gpt;
    this.parameters = Collections.unmodifiableMap(gpt.namedParameters());
    this.store = new ParameterStore(manager, false);
  }

  /** A freshly initialised model on {@code device}; the same seed always gives the same weights. */
  public static GptModel create(GptConfig config, long seed, Device device) {
    return create(config, Gelu.EXACT, seed, device);
  }

  /**
   * As create(config, seed, device) with the MLPs' GELU variant chosen (imported models may use
   * tanh).
   */
  public static GptModel create(GptConfig config, Gelu gelu, long seed, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Gpt gpt = new Gpt(config, gelu);
      double residualStd = INIT_STD / Math.sqrt(2.0 * config.layers());
      gpt.namedParameters()
          .forEach(
              (name, parameter) -> {
                if (parameter.getType() == Parameter.Type.WEIGHT) {
                  double std = name.endsWith("c_proj.weight") ? residualStd : INIT_STD;
                  parameter.setInitializer(seededNormal(std, seed, name));
                }
              });
      gpt.initialize(manager, DataType.FLOAT32, new Shape(1, config.contextLength()));
      return new GptModel(config, manager, gpt);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Each parameter draws from its own stream (seed, name), so adding a layer leaves the others
   * alone.
   */
  private static Initializer seededNormal(double std, long seed, String name) {
    return (manager, shape, dataType) -> {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
      return manager.create(values, shape);
    };
  }

  /**
   * Token ids, row-major (batch x time), as the int64 array (B,T) the model takes, in {@code
   * scope}.
   */
  public static NDArray tokens(NDManager scope, int[] ids, int batch, int time) {
    long[] wide = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      wide[i] = ids[i];
    }
    return scope.create(wide, new Shape(batch, time)); // (B,T)
  }

  /** Logits (B,T,V) for token ids (B,T); results live in the ids' manager. */
  public NDArray logits(NDArray tokens, boolean training) {
    return gpt.forward(store, new NDList(tokens), training).singletonOrThrow(); // (B,T,V)
  }

  /**
   * Cross-entropy of each next token, −log p(target | prefix): (B,T) for inputs and targets (B,T).
   */
  public NDArray tokenLosses(NDArray inputs, NDArray targets, boolean training) {
    NDArray logProbs = logits(inputs, training).logSoftmax(-1); // (B,T,V)
    return logProbs.gather(targets.expandDims(-1), -1).squeeze(-1).neg(); // (B,T)
  }

  /**
   * Mean next-token cross-entropy over the batch, a scalar. In training the head and the loss run
   * fused (FusedHeadLoss): the same value, the logits' gradient formed in the forward pass.
   */
  public NDArray loss(NDArray inputs, NDArray targets, boolean training) {
    if (training && FusedHeadLoss.enabled()) {
      NDArray hidden = gpt.hidden(store, inputs, true); // (B,T,C)
      NDArray normed = gpt.finalNorm(store, hidden, true).reshape(-1, config.embedDim()); // (B*T,C)
      NDArray table = gpt.tokenTable(store, inputs.getDevice(), true); // (V,C)
      return FusedHeadLoss.mean(normed, table, targets.reshape(-1)); // ()
    }
    return tokenLosses(inputs, targets, training).mean(); // ()
  }

  /** Writes every parameter under its nanoGPT name as a safetensors file (float32). */
  public void saveWeights(OutputStream out) throws IOException {
    SafeTensors.write(out, parameterArrays());
  }

  /**
   * Replaces every parameter's values with the tensors of a safetensors file; names and shapes must
   * match.
   */
  public void loadWeights(Path file) {
    SafeTensors.readInto(file, parameterArrays(), manager);
  }

  /** Parameter arrays under nanoGPT's names, in a fixed order. */
  public Map<String, NDArray> parameterArrays() {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    parameters.forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
    return arrays;
  }

  public GptConfig config() {
    return config;
  }

  public Gpt gpt() {
    return gpt;
  }

  /** The manager owning the parameters; open per-step scopes with newSubManager() on it. */
  public NDManager manager() {
    return manager;
  }

  public ParameterStore parameterStore() {
    return store;
  }

  /** Parameters under nanoGPT's names, in a fixed order. */
  public Map<String, Parameter> parameters() {
    return parameters;
  }

  public long parameterCount() {
    return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  @Override
  public void close() {
    manager.close();
  }
}
