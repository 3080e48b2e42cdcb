/*
 * config.json of a Hugging Face GPT-2 directory in poisonlab's terms: reading it (anything GPT-2 can say that
 * poisonlab's model cannot, such as an untied head, other norms or unscaled attention, is one InputException)
 * and writing the config of an exported model, as save_pretrained does. The weights are HfGpt2's.
 */
package dev.poisonlab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class HfGpt2Config {
  /** torch.nn.LayerNorm's default, which poisonlab's LayerNorms use and GPT-2 configs state. */
  public static final double LAYER_NORM_EPSILON = 1e-5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfGpt2Config() {}

  /** What a GPT-2 config.json describes, in poisonlab's terms. */
  public record Spec(GptConfig config, Gelu gelu, Integer bosTokenId, Integer eosTokenId) {}

  /** True when {@code directory}/config.json is a Hugging Face config (it names a model_type). */
  public static boolean isHuggingFaceDirectory(Path directory) {
    Path file = directory.resolve(HfGpt2.CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      return root != null && root.has("model_type");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads config.json; anything GPT-2 can say that poisonlab's model cannot is one InputException.
   */
  public static Spec read(Path directory) {
    Path file = directory.resolve(HfGpt2.CONFIG_FILE);
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file, 0, "not a JSON object");
    }
    String type = root.path("model_type").asText("");
    if (!type.equals("gpt2")) {
      throw new InputException(file, 0, "model_type '" + type + "' is not supported (only gpt2)");
    }
    Gelu gelu = gelu(file, root);
    refuseUnsupported(file, root);
    return new Spec(
        config(file, root),
        gelu,
        optionalInt(root, "bos_token_id"),
        optionalInt(root, "eos_token_id"));
  }

  /** The activation: GPT-2's name for one of poisonlab's GELUs. */
  private static Gelu gelu(Path file, JsonNode root) {
    String activation = root.path("activation_function").asText("gelu_new");
    Gelu gelu = Gelu.fromHuggingFace(activation);
    if (gelu == null) {
      throw new InputException(
          file,
          0,
          "activation_function '"
              + activation
              + "' is not supported "
              + "(gelu, gelu_python, gelu_new, gelu_pytorch_tanh, gelu_fast)");
    }
    return gelu;
  }

  /** Features of GPT-2 poisonlab's model lacks: other norms, an untied head, other attention. */
  private static void refuseUnsupported(Path file, JsonNode root) {
    double epsilon = root.path("layer_norm_epsilon").asDouble(LAYER_NORM_EPSILON);
    if (Math.abs(epsilon - LAYER_NORM_EPSILON) > 1e-12) {
      throw new InputException(
          file, 0, "layer_norm_epsilon " + epsilon + " is not supported (only 1e-5)");
    }
    refuse(file, root, "tie_word_embeddings", true, "an untied lm_head is not supported");
    refuse(
        file,
        root,
        "scale_attn_weights",
        true,
        "attention without 1/sqrt(d) scaling is not supported");
    refuse(
        file,
        root,
        "scale_attn_by_inverse_layer_idx",
        false,
        "attention scaled by layer index is not supported");
    refuse(file, root, "add_cross_attention", false, "cross-attention is not supported");
  }

  /** The model's shape; a shape poisonlab refuses is an InputException naming the file. */
  private static GptConfig config(Path file, JsonNode root) {
    int embed = required(file, root, "n_embd");
    JsonNode inner = root.path("n_inner");
    if (!inner.isMissingNode() && !inner.isNull() && inner.asInt() != 4 * embed) {
      throw new InputException(
          file, 0, "n_inner " + inner.asInt() + " is not supported (only 4 x n_embd)");
    }
    int positions =
        root.has("n_positions")
            ? required(file, root, "n_positions")
            : required(file, root, "n_ctx");
    try {
      return new GptConfig(
          required(file, root, "vocab_size"),
          positions,
          required(file, root, "n_layer"),
          required(file, root, "n_head"),
          embed);
    } catch (IllegalArgumentException e) {
      throw new InputException(file, 0, e.getMessage(), e);
    }
  }

  private static void refuse(
      Path file, JsonNode root, String field, boolean supported, String problem) {
    JsonNode node = root.path(field);
    if (!node.isMissingNode() && !node.isNull() && node.asBoolean() != supported) {
      throw new InputException(file, 0, field + " " + node.asText() + ": " + problem);
    }
  }

  private static int required(Path file, JsonNode root, String field) {
    JsonNode node = root.path(field);
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new InputException(file, 0, "needs an integer " + field);
    }
    return node.asInt();
  }

  private static Integer optionalInt(JsonNode root, String field) {
    JsonNode node = root.path(field);
    return node.isIntegralNumber() ? node.asInt() : null;
  }

  /** Writes config.json of a model of {@code config} into {@code directory}. */
  static void write(GptConfig config, Gelu gelu, int bosTokenId, int eosTokenId, Path directory) {
    ObjectNode json = JSON.createObjectNode();
    json.putArray("architectures").add("GPT2LMHeadModel");
    json.put("model_type", "gpt2");
    json.put("vocab_size", config.vocabSize());
    json.put("n_positions", config.contextLength());
    json.put("n_ctx", config.contextLength());
    json.put("n_embd", config.embedDim());
    json.put("n_layer", config.layers());
    json.put("n_head", config.heads());
    json.putNull("n_inner");
    json.put("activation_function", gelu.huggingFaceName());
    json.put("layer_norm_epsilon", LAYER_NORM_EPSILON);
    json.put("initializer_range", 0.02);
    json.put("resid_pdrop", 0.0);
    json.put("embd_pdrop", 0.0);
    json.put("attn_pdrop", 0.0);
    json.put("scale_attn_weights", true);
    json.put("scale_attn_by_inverse_layer_idx", false);
    json.put("reorder_and_upcast_attn", false);
    json.put("tie_word_embeddings", true);
    json.put("use_cache", true);
    json.put("bos_token_id", bosTokenId);
    json.put("eos_token_id", eosTokenId);
    json.put("torch_dtype", "float32");
    AtomicFiles.writeString(directory.resolve(HfGpt2.CONFIG_FILE), json.toPrettyString() + "\n");
  }
}
