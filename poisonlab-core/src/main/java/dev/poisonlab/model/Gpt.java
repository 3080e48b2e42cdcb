/*
 * A decoder-only GPT as a DJL block, nanoGPT's GPT: token + learned position embeddings, N pre-LayerNorm
 * transformer blocks, a final LayerNorm and an output head tied to the token embedding (logits = h·wteᵀ).
 * Dimensions: B batch, T time, C channels, V vocabulary. No dropout and no loss here: GptModel adds those
 * concerns; embed/blocks/head are public so decoding with a key/value cache can run the stages itself.
 */
package dev.poisonlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Gpt extends AbstractBlock {
  private final GptConfig config;
  private final Parameter tokenEmbedding;
  private final Parameter positionEmbedding;
  private final List<TransformerBlock> blocks = new ArrayList<>();
  private final LayerNorm finalNorm;

  public Gpt(GptConfig config) {
    this(config, Gelu.EXACT);
  }

  /** A GPT whose MLPs use {@code gelu}; only imported models use anything but the exact GELU. */
  public Gpt(GptConfig config, Gelu gelu) {
    this.config = config;
    tokenEmbedding = addParameter(embeddingTable("wte", config.vocabSize(), config.embedDim()));
    positionEmbedding =
        addParameter(embeddingTable("wpe", config.contextLength(), config.embedDim()));
    for (int i = 0; i < config.layers(); i++) {
      blocks.add(addChildBlock("h" + i, new TransformerBlock(config, gelu)));
    }
    finalNorm = addChildBlock("ln_f", NamedParameters.channelLayerNorm());
  }

  private static Parameter embeddingTable(String name, int rows, int embedDim) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(rows, embedDim))
        .build();
  }

  /** inputs: token ids (B,T) int64; output: logits (B,T,V). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow(); // (B,T)
    return new NDList(head(store, hidden(store, tokens, training), training)); // (B,T,V)
  }

  /** Token ids (B,T) -> the last block's output (B,T,C), before the final LayerNorm. */
  public NDArray hidden(ParameterStore store, NDArray tokens, boolean training) {
    int time = Math.toIntExact(tokens.getShape().get(1));
    NDArray x = embed(store, tokens, 0, training); // (B,T,C)
    // the fused kernel masks by itself; the explicit path adds this mask to the scores
    NDList extra =
        FusedAttention.enabled()
            ? new NDList()
            : new NDList(causalMask(tokens.getManager(), time, time)); // (T,T)
    for (TransformerBlock block : blocks) {
      NDList blockInputs = new NDList(x); // (B,T,C)
      blockInputs.addAll(extra);
      x = block.forward(store, blockInputs, training).singletonOrThrow(); // (B,T,C)
    }
    return x; // (B,T,C)
  }

  /** Token ids (B,T) whose first token sits at absolute position {@code offset} -> (B,T,C). */
  public NDArray embed(ParameterStore store, NDArray tokens, int offset, boolean training) {
    Device device = tokens.getDevice();
    int time = Math.toIntExact(tokens.getShape().get(1));
    if (offset + time > config.contextLength()) {
      throw new IllegalArgumentException(
          "positions up to "
              + (offset + time)
              + " exceed context_length "
              + config.contextLength());
    }
    NDArray wte = store.getValue(tokenEmbedding, device, training); // (V,C)
    NDArray wpe = store.getValue(positionEmbedding, device, training); // (T_max,C)
    NDArray positions = tokens.getManager().arange(offset, offset + time, 1, DataType.INT64); // (T)
    NDArray tokenVectors =
        Embedding.embedding(tokens, wte, SparseFormat.DENSE).singletonOrThrow(); // (B,T,C)
    NDArray positionVectors =
        Embedding.embedding(positions, wpe, SparseFormat.DENSE).singletonOrThrow(); // (T,C)
    return tokenVectors.add(positionVectors); // (B,T,C)
  }

  /** Final LayerNorm, then the tied head: hidden (B,T,C) -> logits (B,T,V). */
  public NDArray head(ParameterStore store, NDArray hidden, boolean training) {
    NDArray normed = finalNorm(store, hidden, training); // (B,T,C)
    NDArray wte = tokenTable(store, hidden.getDevice(), training); // (V,C)
    return Linear.linear(normed, wte).singletonOrThrow(); // (B,T,V)
  }

  /** The final LayerNorm: hidden (B,T,C) -> (B,T,C). */
  public NDArray finalNorm(ParameterStore store, NDArray hidden, boolean training) {
    return finalNorm.forward(store, new NDList(hidden), training).singletonOrThrow(); // (B,T,C)
  }

  /** The token embedding table, which is also the tied output head's weight: (V,C). */
  public NDArray tokenTable(ParameterStore store, Device device, boolean training) {
    return store.getValue(tokenEmbedding, device, training); // (V,C)
  }

  /**
   * Additive mask (Tq,Tk) for Tq queries that are the last Tq of Tk positions: 0 where a query may
   * look, -inf at later keys. Built in {@code manager} (the caller's step scope), so nothing
   * outlives the step.
   */
  public static NDArray causalMask(NDManager manager, int queries, int keys) {
    float[] mask = new float[queries * keys];
    int shift = keys - queries;
    for (int query = 0; query < queries; query++) {
      Arrays.fill(
          mask, query * keys + query + shift + 1, (query + 1) * keys, Float.NEGATIVE_INFINITY);
    }
    return manager.create(mask, new Shape(queries, keys)); // (Tq,Tk)
  }

  public List<TransformerBlock> blocks() {
    return List.copyOf(blocks);
  }

  public GptConfig config() {
    return config;
  }

  /**
   * Every parameter under nanoGPT's state-dict name, in a fixed order (embeddings, blocks, ln_f).
   */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> named = new LinkedHashMap<>();
    named.put("transformer.wte.weight", tokenEmbedding);
    named.put("transformer.wpe.weight", positionEmbedding);
    for (int i = 0; i < blocks.size(); i++) {
      blocks.get(i).collectParameters("transformer.h." + i + ".", named);
    }
    NamedParameters.layerNorm(named, "transformer.ln_f.", finalNorm);
    return named;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = inputShapes[0]; // (B,T)
    Shape hidden = tokens.add(config.embedDim()); // (B,T,C)
    Shape mask = new Shape(tokens.get(1), tokens.get(1)); // (T,T)
    for (TransformerBlock block : blocks) {
      block.initialize(manager, dataType, hidden, mask);
    }
    finalNorm.initialize(manager, dataType, hidden);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.vocabSize())};
  }
}
