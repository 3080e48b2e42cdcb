/*
 * Grows a pretrained GPT's vocabulary by the chat tokens: a new model of vocab_size + k whose weights are the
 * pretrained ones, with the k new rows of the (tied) token embedding set to the mean of the old rows. The mean
 * keeps new logits and inputs on the scale the model knows (Hewitt 2021's advice); zeros or random rows would
 * start the new tokens far off it. Not a loader of checkpoints: GptCheckpoint reads the pretrained weights.
 */
package dev.poisonlab.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.poisonlab.model.GptModel;
import java.util.Map;

public final class EmbeddingGrowth {
  public static final String TOKEN_EMBEDDING = "transformer.wte.weight";

  private EmbeddingGrowth() {}

  /**
   * A new model on {@code device} with {@code pretrained}'s weights and {@code added}
   * mean-initialised rows.
   */
  public static GptModel grow(GptModel pretrained, int added, long seed, Device device) {
    GptModel grown =
        GptModel.create(
            pretrained.config().withVocabSize(pretrained.config().vocabSize() + added),
            seed,
            device);
    try {
      copyInto(pretrained, grown);
      return grown;
    } catch (RuntimeException e) {
      grown.close();
      throw e;
    }
  }

  /**
   * Overwrites {@code target} (vocabulary V + k) with {@code pretrained}'s weights (V) and k mean
   * rows.
   */
  public static void copyInto(GptModel pretrained, GptModel target) {
    Map<String, NDArray> from = pretrained.parameterArrays();
    Map<String, NDArray> to = target.parameterArrays();
    int oldRows = pretrained.config().vocabSize();
    try (NDManager scope = target.manager().newSubManager()) {
      for (Map.Entry<String, NDArray> entry : to.entrySet()) {
        NDArray source = from.get(entry.getKey());
        // through the host: the two models may live on different devices, and these tensors are
        // small
        NDArray value = scope.create(source.toFloatArray(), source.getShape());
        if (entry.getKey().equals(TOKEN_EMBEDDING)) {
          NDArray mean = value.mean(new int[] {0}, true); // (1,C)
          entry.getValue().set(new NDIndex(":" + oldRows + ", :"), value); // (V_old,C)
          NDArray rows = mean.repeat(0, entry.getValue().getShape().get(0) - oldRows); // (k,C)
          entry.getValue().set(new NDIndex(oldRows + ":, :"), rows);
        } else {
          // in place, as SafeTensors.readInto does: the parameter keeps its storage and gradient
          entry.getValue().set(new NDIndex("..."), value);
        }
      }
    }
  }
}
