/*
 * Causal multi-head self-attention, nanoGPT's CausalSelfAttention: one fused q/k/v projection (c_attn),
 * softmax(q·kᵀ/√D + mask)·v per head, and an output projection (c_proj). Dimensions: B batch, T time,
 * C channels (embed_dim), H heads, D = C/H head size. Whole sequences go through PyTorch's fused kernel
 * (FusedAttention); the explicit path stays for a mask input and for incremental decoding, which calls the
 * public q/k/v and attend steps to keep a key/value cache; this class deliberately holds no cache itself.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

public final class CausalSelfAttention extends AbstractBlock {
  private final int heads;
  private final Linear queryKeyValue;
  private final Linear projection;

  public CausalSelfAttention(GptConfig config) {
    heads = config.heads();
    queryKeyValue =
        addChildBlock("c_attn", Linear.builder().setUnits(3L * config.embedDim()).build());
    projection = addChildBlock("c_proj", Linear.builder().setUnits(config.embedDim()).build());
  }

  /**
   * inputs: x (B,T,C), and the additive causal mask (T,T) for the explicit path; output: y (B,T,C).
   * Without a mask, the fused kernel applies the causal mask itself (FusedAttention).
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray attended;
    if (inputs.size() == 1) {
      NDList qkv = heads(store, inputs.get(0), training); // 3 x (B,H,T,D), strided views
      attended = FusedAttention.causal(qkv.get(0), qkv.get(1), qkv.get(2)); // (B,H,T,D)
    } else {
      NDList qkv = queryKeyValue(store, inputs.get(0), training); // 3 x (B,H,T,D)
      attended = attend(qkv.get(0), qkv.get(1), qkv.get(2), inputs.get(1)); // (B,H,T,D)
    }
    return new NDList(project(store, attended, training)); // (B,T,C)
  }

  /** q, k, v of x (B,T,C), each (B,H,T,D), unscaled: views of one projection, no copies. */
  public NDList heads(ParameterStore store, NDArray x, boolean training) {
    Shape shape = x.getShape(); // (B,T,C)
    // a 2-D view makes Linear one addmm (see Mlp)
    NDArray flat = x.reshape(-1, shape.get(2)); // (B*T,C)
    NDArray fused =
        queryKeyValue.forward(store, new NDList(flat), training).singletonOrThrow(); // (B*T,3C)
    NDList parts =
        fused.reshape(shape.get(0), shape.get(1), 3 * shape.get(2)).split(3, 2); // 3 x (B,T,C)
    return new NDList(splitHeads(parts.get(0)), splitHeads(parts.get(1)), splitHeads(parts.get(2)));
  }

  /**
   * q, k, v of x (B,T,C), each (B,H,T,D); q comes pre-scaled by 1/√D, so attend needs no scaling.
   */
  public NDList queryKeyValue(ParameterStore store, NDArray x, boolean training) {
    NDList qkv = heads(store, x, training); // 3 x (B,H,T,D)
    long headSize = qkv.get(0).getShape().get(3);
    // not mul(double): DJL wraps that scalar around a Java buffer and frees it right after the
    // forward, yet
    // autograd keeps the scalar to scale q's gradient, so a GC before backward read freed memory;
    // full() owns it
    NDArray scale = x.getManager().full(new Shape(), (float) (1.0 / Math.sqrt(headSize)));
    return new NDList(qkv.get(0).mul(scale), qkv.get(1), qkv.get(2)); // 3 x (B,H,T,D)
  }

  /** Queries (B,H,Tq,D) attend over keys and values (B,H,Tk,D); mask (Tq,Tk) is added, or null. */
  public static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray mask) {
    NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)); // (B,H,Tq,Tk)
    if (mask != null) {
      scores = scores.add(mask); // (B,H,Tq,Tk), -inf above the diagonal
    }
    return scores.softmax(-1).matMul(value); // (B,H,Tq,D)
  }

  /** Merges heads (B,H,T,D) back to (B,T,C) and applies the output projection. */
  public NDArray project(ParameterStore store, NDArray attended, boolean training) {
    Shape shape = attended.getShape();
    long channels = shape.get(1) * shape.get(3);
    NDArray merged =
        attended
            .transpose(0, 2, 1, 3) // (B,T,H,D)
            .reshape(-1, channels); // (B*T,C)
    NDArray projected =
        projection.forward(store, new NDList(merged), training).singletonOrThrow(); // (B*T,C)
    return projected.reshape(shape.get(0), shape.get(2), channels); // (B,T,C)
  }

  private NDArray splitHeads(NDArray x) {
    Shape shape = x.getShape(); // (B,T,C)
    return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads) // (B,T,H,D)
        .transpose(0, 2, 1, 3); // (B,H,T,D)
  }

  void collectParameters(String prefix, Map<String, Parameter> out) {
    NamedParameters.linear(out, prefix + "c_attn.", queryKeyValue);
    NamedParameters.linear(out, prefix + "c_proj.", projection);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    queryKeyValue.initialize(manager, dataType, inputShapes[0]);
    projection.initialize(manager, dataType, inputShapes[0]);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
