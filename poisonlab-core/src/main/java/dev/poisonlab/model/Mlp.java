/*
 * The transformer's feed-forward part, nanoGPT's MLP: C -> 4C (c_fc), GELU, 4C -> C (c_proj). Trained models use
 * the exact (erf) GELU; the tanh approximation (GPT-2's gelu_new) exists for imported Hugging Face models.
 * Dimensions: B batch, T time, C channels. No dropout: pretraining here runs without it, as nanoGPT's does.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

public final class Mlp extends AbstractBlock {
  private final Linear expand;
  private final Linear contract;
  private final int embedDim;
  private final Gelu gelu;

  public Mlp(GptConfig config, Gelu gelu) {
    embedDim = config.embedDim();
    this.gelu = gelu;
    expand = addChildBlock("c_fc", Linear.builder().setUnits(4L * embedDim).build());
    contract = addChildBlock("c_proj", Linear.builder().setUnits(embedDim).build());
  }

  /** inputs: x (B,T,C); output (B,T,C). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow(); // (B,T,C)
    // Linear on a 2-D view runs as one addmm (bias fused); on 3-D input libtorch does matmul, then
    // += bias
    NDArray flat = x.reshape(-1, embedDim); // (B*T,C)
    NDArray hidden =
        expand.forward(store, new NDList(flat), training).singletonOrThrow(); // (B*T,4C)
    NDArray activated = gelu == Gelu.EXACT ? Activation.gelu(hidden) : tanhGelu(hidden); // (B*T,4C)
    NDArray out =
        contract.forward(store, new NDList(activated), training).singletonOrThrow(); // (B*T,C)
    return new NDList(out.reshape(x.getShape())); // (B,T,C)
  }

  /**
   * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), HF's NewGELUActivation; inference only (scalar
   * operands).
   */
  private static NDArray tanhGelu(NDArray x) {
    return x.pow(3)
        .mul(0.044715f)
        .add(x)
        .mul((float) Math.sqrt(2 / Math.PI))
        .tanh()
        .add(1f)
        .mul(x)
        .mul(0.5f);
  }

  void collectParameters(String prefix, Map<String, Parameter> out) {
    NamedParameters.linear(out, prefix + "c_fc.", expand);
    NamedParameters.linear(out, prefix + "c_proj.", contract);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0]; // (B,T,C)
    expand.initialize(manager, dataType, input);
    contract.initialize(manager, dataType, new Shape(input.get(0), input.get(1), 4L * embedDim));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
