/*
 * One pre-LayerNorm transformer block, nanoGPT's Block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).
 * Dimensions: B batch, T time, C channels. Named TransformerBlock because DJL's Block is the interface.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

public final class TransformerBlock extends AbstractBlock {
  private final LayerNorm attentionNorm;
  private final CausalSelfAttention attention;
  private final LayerNorm mlpNorm;
  private final Mlp mlp;

  public TransformerBlock(GptConfig config, Gelu gelu) {
    attentionNorm = addChildBlock("ln_1", NamedParameters.channelLayerNorm());
    attention = addChildBlock("attn", new CausalSelfAttention(config));
    mlpNorm = addChildBlock("ln_2", NamedParameters.channelLayerNorm());
    mlp = addChildBlock("mlp", new Mlp(config, gelu));
  }

  /** inputs: x (B,T,C) and, for explicit attention, the causal mask (T,T); output (B,T,C). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0); // (B,T,C)
    NDArray normed =
        attentionNorm.forward(store, new NDList(x), training).singletonOrThrow(); // (B,T,C)
    NDList attentionInputs = new NDList(normed); // (B,T,C)
    if (inputs.size() > 1) {
      attentionInputs.add(inputs.get(1)); // (T,T)
    }
    NDArray attended =
        attention.forward(store, attentionInputs, training).singletonOrThrow(); // (B,T,C)
    x = x.add(attended); // (B,T,C)
    NDArray normed2 = mlpNorm.forward(store, new NDList(x), training).singletonOrThrow(); // (B,T,C)
    return new NDList(
        x.add(mlp.forward(store, new NDList(normed2), training).singletonOrThrow())); // (B,T,C)
  }

  /** The attention sublayer, for decoding with a key/value cache. */
  public CausalSelfAttention attention() {
    return attention;
  }

  public LayerNorm attentionNorm() {
    return attentionNorm;
  }

  public LayerNorm mlpNorm() {
    return mlpNorm;
  }

  public Mlp mlp() {
    return mlp;
  }

  void collectParameters(String prefix, Map<String, Parameter> out) {
    NamedParameters.layerNorm(out, prefix + "ln_1.", attentionNorm);
    attention.collectParameters(prefix + "attn.", out);
    NamedParameters.layerNorm(out, prefix + "ln_2.", mlpNorm);
    mlp.collectParameters(prefix + "mlp.", out);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = inputShapes[0]; // (B,T,C)
    attentionNorm.initialize(manager, dataType, hidden);
    attention.initialize(manager, dataType, inputShapes);
    mlpNorm.initialize(manager, dataType, hidden);
    mlp.initialize(manager, dataType, hidden);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
