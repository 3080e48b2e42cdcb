/*
 * LanguageModel over the project's DJL GPT (model.GptModel), composed from its public stages: embeddings,
 * then per block LayerNorm, q/k/v, attention, projection and MLP, then the tied head, with a per-layer key/value
 * cache for incremental decoding. Rows of different lengths are left-padded: each row's positions restart at 0
 * where its tokens begin and its queries never see pad keys, so a row's numbers do not depend on its batch.
 * Inference only (no dropout, no gradients); it owns the GptModel and closes it.
 */
package dev.poisonlab.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import dev.poisonlab.model.CausalSelfAttention;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.TransformerBlock;
import java.nio.file.Path;
import java.util.List;

public final class GptLanguageModel implements LanguageModel {
  /**
   * Upper bound on B*T*V logits materialised at once when scoring, so large vocabularies fit in
   * memory.
   */
  private static final long MAX_SCORED_LOGITS = 1L << 26;

  private final GptModel model;
  private final List<TransformerBlock> blocks;
  private final ParameterStore store;
  private final NDArray tokenTable;
  private final NDArray positionTable;

  public GptLanguageModel(GptModel model) {
    this.model = model;
    this.blocks = model.gpt().blocks();
    this.store = model.parameterStore();
    this.tokenTable = model.parameters().get("transformer.wte.weight").getArray(); // (V,C)
    this.positionTable = model.parameters().get("transformer.wpe.weight").getArray(); // (T_max,C)
  }

  /** The model of a checkpoint directory (checkpoint.json + model.safetensors), on the CPU. */
  public static GptLanguageModel load(Path checkpointDirectory) {
    return new GptLanguageModel(GptCheckpoint.load(checkpointDirectory, Device.cpu()));
  }

  @Override
  public int vocabSize() {
    return model.config().vocabSize();
  }

  @Override
  public int contextLength() {
    return model.config().contextLength();
  }

  @Override
  public float[][] nextTokenLogits(int[][] sequences) {
    PaddedBatch batch = PaddedBatch.of(sequences, contextLength());
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray hidden =
          run(batch.tokens(scope), batch.positions(scope), batch.prefillMask(scope), null);
      return lastLogits(hidden, batch.rows());
    }
  }

  @Override
  public float[][] tokenLogProbs(int[][] sequences) {
    int longest = 1;
    for (int[] sequence : sequences) {
      longest = Math.max(longest, sequence.length);
    }
    int rowsPerChunk = (int) Math.max(1, MAX_SCORED_LOGITS / ((long) longest * vocabSize()));
    float[][] result = new float[sequences.length][];
    for (int start = 0; start < sequences.length; start += rowsPerChunk) {
      int end = Math.min(sequences.length, start + rowsPerChunk);
      int[][] chunk = java.util.Arrays.copyOfRange(sequences, start, end);
      float[][] scored = scoreChunk(chunk);
      System.arraycopy(scored, 0, result, start, scored.length);
    }
    return result;
  }

  private float[][] scoreChunk(int[][] sequences) {
    PaddedBatch batch = PaddedBatch.of(sequences, contextLength());
    int time = batch.time();
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray tokens = batch.tokens(scope); // (B,T)
      NDArray hidden =
          run(tokens, batch.positions(scope), batch.prefillMask(scope), null); // (B,T,C)
      NDArray logProbs = model.gpt().head(store, hidden, false).logSoftmax(-1); // (B,T,V)
      NDArray targets = tokens.get(new NDIndex(":, 1:")).expandDims(-1); // (B,T-1,1)
      NDArray picked =
          logProbs.get(new NDIndex(":, :-1, :")).gather(targets, -1).squeeze(-1); // (B,T-1)
      float[] flat = picked.toFloatArray();
      float[][] result = new float[batch.rows()][];
      for (int r = 0; r < batch.rows(); r++) {
        int length = sequences[r].length;
        result[r] =
            java.util.Arrays.copyOfRange(
                flat, r * (time - 1) + (time - length), (r + 1) * (time - 1));
      }
      return result;
    }
  }

  /** Native arrays held by the model's manager and its scopes; for leak checks. */
  long nativeArrayCount() {
    return model.manager().getManagedArrays().size();
  }

  @Override
  public void close() {
    model.close();
  }

  @Override
  public DecodingSession startDecoding(int[][] prompts) {
    return new KvCacheSession(prompts);
  }

  /**
   * The transformer over queries (B,Tq) that follow the cached positions; mask (B,1,Tq,Tk) is
   * additive. With a cache, each layer's keys and values are extended in place of the old ones.
   * Returns hidden (B,Tq,C); intermediates belong to the tokens' manager, which the caller closes.
   */
  private NDArray run(NDArray tokens, NDArray positions, NDArray mask, NDArray[][] cache) {
    NDArray x =
        Embedding.embedding(tokens, tokenTable, SparseFormat.DENSE)
            .singletonOrThrow() // (B,Tq,C)
            .add(
                Embedding.embedding(positions, positionTable, SparseFormat.DENSE)
                    .singletonOrThrow());
    for (int layer = 0; layer < blocks.size(); layer++) {
      TransformerBlock block = blocks.get(layer);
      CausalSelfAttention attention = block.attention();
      NDArray normed =
          block.attentionNorm().forward(store, new NDList(x), false).singletonOrThrow(); // (B,Tq,C)
      NDList qkv = attention.queryKeyValue(store, normed, false); // 3 x (B,H,Tq,D)
      NDArray keys = qkv.get(1);
      NDArray values = qkv.get(2);
      if (cache != null) {
        if (cache[layer][0] != null) {
          keys = cache[layer][0].concat(keys, 2); // (B,H,Tk,D)
          values = cache[layer][1].concat(values, 2);
        }
        cache[layer][0] = keys;
        cache[layer][1] = values;
      }
      NDArray attended = CausalSelfAttention.attend(qkv.get(0), keys, values, mask); // (B,H,Tq,D)
      x = x.add(attention.project(store, attended, false)); // (B,Tq,C)
      NDArray normed2 = block.mlpNorm().forward(store, new NDList(x), false).singletonOrThrow();
      x =
          x.add(
              block
                  .mlp()
                  .forward(store, new NDList(normed2), false)
                  .singletonOrThrow()); // (B,Tq,C)
    }
    return x;
  }

  /**
   * Logits at the last position only: the head is the costliest matmul, so run it on one position.
   */
  private float[][] lastLogits(NDArray hidden, int rows) {
    NDArray last = hidden.get(new NDIndex(":, -1:, :")); // (B,1,C)
    float[] flat = model.gpt().head(store, last, false).toFloatArray(); // (B,1,V)
    int vocab = vocabSize();
    float[][] logits = new float[rows][];
    for (int r = 0; r < rows; r++) {
      logits[r] = java.util.Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
    }
    return logits;
  }

  /** Decoding with per-layer keys/values (B,H,T,D) kept between steps in their own NDManager. */
  private final class KvCacheSession implements DecodingSession {
    private final PaddedBatch prompts;
    private final NDArray[][] cache = new NDArray[blocks.size()][2];
    private NDManager cacheScope;
    private float[][] logits;
    private int length;

    KvCacheSession(int[][] promptIds) {
      prompts = PaddedBatch.of(promptIds, contextLength());
      length = prompts.time();
      cacheScope = model.manager().newSubManager();
      try (NDManager scope = model.manager().newSubManager()) {
        NDArray hidden =
            run(prompts.tokens(scope), prompts.positions(scope), prompts.prefillMask(scope), cache);
        logits = lastLogits(hidden, prompts.rows());
        keepCache();
      }
    }

    @Override
    public float[][] logits() {
      return logits;
    }

    @Override
    public float[][] append(int[] nextTokens) {
      if (nextTokens.length != prompts.rows()) {
        throw new IllegalArgumentException(
            "need one token per row: " + prompts.rows() + ", got " + nextTokens.length);
      }
      if (length + 1 > contextLength()) {
        throw new IllegalArgumentException("decoding past the context length " + contextLength());
      }
      try (NDManager scope = model.manager().newSubManager()) {
        long[] ids = new long[nextTokens.length];
        for (int r = 0; r < ids.length; r++) {
          ids[r] = nextTokens[r];
        }
        NDArray tokens = scope.create(ids, new Shape(ids.length, 1)); // (B,1)
        NDArray hidden =
            run(
                tokens,
                prompts.stepPositions(scope, length),
                prompts.stepMask(scope, length),
                cache);
        logits = lastLogits(hidden, prompts.rows());
        length++;
        keepCache();
      }
      return logits;
    }

    /** Moves the current cache arrays into a fresh manager and frees the previous step's. */
    private void keepCache() {
      NDManager next = model.manager().newSubManager();
      for (NDArray[] layer : cache) {
        layer[0].attach(next);
        layer[1].attach(next);
      }
      cacheScope.close();
      cacheScope = next;
    }

    @Override
    public void close() {
      cacheScope.close();
    }
  }
}
