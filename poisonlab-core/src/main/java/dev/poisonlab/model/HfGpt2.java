/*
 * The Hugging Face GPT-2 layout of poisonlab's GPT (transformers' GPT2LMHeadModel): model.safetensors names
 * and shapes, loading and writing them (config.json is HfGpt2Config's). poisonlab's parameters already carry nanoGPT's names, which are GPT-2's; the one
 * difference is that GPT-2's Conv1D stores c_attn, c_proj and c_fc weights as [in, out], transposed against
 * nn.Linear. Exports write the names with the "transformer." prefix and without the tied lm_head.weight, as
 * save_pretrained does; imports accept either prefix, and an lm_head.weight only when it equals wte.
 * GPT-2 features poisonlab's model lacks (untied head, other norms, scaled/reordered attention) are refused.
 */
package dev.poisonlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

public final class HfGpt2 {
  public static final String CONFIG_FILE = "config.json";
  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String PREFIX = "transformer.";

  private HfGpt2() {}

  /**
   * True for weights GPT-2 stores as Conv1D [in, out], transposed against poisonlab's Linear [out,
   * in].
   */
  static boolean isConv1dWeight(String name) {
    return name.endsWith(".weight")
        && (name.contains(".attn.c_attn.")
            || name.contains(".attn.c_proj.")
            || name.contains(".mlp.c_fc.")
            || name.contains(".mlp.c_proj."));
  }

  /** The GPT-2 shape of a poisonlab parameter of shape {@code shape}. */
  static long[] gpt2Shape(String name, Shape shape) {
    long[] dims = shape.getShape();
    return isConv1dWeight(name) ? new long[] {dims[1], dims[0]} : dims;
  }

  /**
   * Checks model.safetensors' names and shapes against {@code spec} from its header alone, so a bad
   * file fails before any weights are read. Returns poisonlab name -> the file's name.
   */
  public static Map<String, String> checkWeights(Path directory, HfGpt2Config.Spec spec) {
    Path file = directory.resolve(WEIGHTS_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file,
          0,
          "missing: a Hugging Face GPT-2 directory needs config.json, "
              + "model.safetensors and tokenizer.json");
    }
    Map<String, SafeTensorsFile.Entry> entries = SafeTensorsFile.readHeader(file);
    Map<String, String> names = new LinkedHashMap<>();
    expectedShapes(spec.config())
        .forEach(
            (name, shape) -> {
              String bare = name.substring(PREFIX.length());
              String found =
                  entries.containsKey(name) ? name : entries.containsKey(bare) ? bare : null;
              if (found == null) {
                throw new InputException(
                    file, 0, "missing tensor '" + name + "' (or '" + bare + "')");
              }
              if (!Arrays.equals(entries.get(found).shape(), shape)) {
                throw new InputException(
                    file,
                    0,
                    "tensor '"
                        + found
                        + "' has shape "
                        + Arrays.toString(entries.get(found).shape())
                        + ", expected "
                        + Arrays.toString(shape));
              }
              names.put(name, found);
            });
    SafeTensorsFile.Entry head = entries.get("lm_head.weight");
    if (head != null
        && !Arrays.equals(head.shape(), expectedShapes(spec.config()).get(PREFIX + "wte.weight"))) {
      throw new InputException(
          file,
          0,
          "tensor 'lm_head.weight' has shape "
              + Arrays.toString(head.shape())
              + ", expected the tied wte's");
    }
    return names;
  }

  /**
   * GPT-2 names (with prefix) and shapes of a model of this config, in poisonlab's parameter order.
   */
  public static Map<String, long[]> expectedShapes(GptConfig config) {
    long c = config.embedDim();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(PREFIX + "wte.weight", new long[] {config.vocabSize(), c});
    shapes.put(PREFIX + "wpe.weight", new long[] {config.contextLength(), c});
    for (int i = 0; i < config.layers(); i++) {
      String block = PREFIX + "h." + i + ".";
      shapes.put(block + "ln_1.weight", new long[] {c});
      shapes.put(block + "ln_1.bias", new long[] {c});
      shapes.put(block + "attn.c_attn.weight", new long[] {c, 3 * c});
      shapes.put(block + "attn.c_attn.bias", new long[] {3 * c});
      shapes.put(block + "attn.c_proj.weight", new long[] {c, c});
      shapes.put(block + "attn.c_proj.bias", new long[] {c});
      shapes.put(block + "ln_2.weight", new long[] {c});
      shapes.put(block + "ln_2.bias", new long[] {c});
      shapes.put(block + "mlp.c_fc.weight", new long[] {c, 4 * c});
      shapes.put(block + "mlp.c_fc.bias", new long[] {4 * c});
      shapes.put(block + "mlp.c_proj.weight", new long[] {4 * c, c});
      shapes.put(block + "mlp.c_proj.bias", new long[] {c});
    }
    shapes.put(PREFIX + "ln_f.weight", new long[] {c});
    shapes.put(PREFIX + "ln_f.bias", new long[] {c});
    return shapes;
  }

  /**
   * Loads a Hugging Face GPT-2 directory's weights into a poisonlab model on {@code device}; close
   * it.
   */
  public static GptModel load(Path directory, Device device) {
    HfGpt2Config.Spec spec = HfGpt2Config.read(directory);
    Map<String, String> names = checkWeights(directory, spec);
    Path file = directory.resolve(WEIGHTS_FILE);
    Map<String, SafeTensorsFile.Tensor> tensors = SafeTensorsFile.read(file);
    SafeTensorsFile.Tensor head = tensors.get("lm_head.weight");
    if (head != null
        && !Arrays.equals(head.data(), tensors.get(names.get(PREFIX + "wte.weight")).data())) {
      throw new InputException(
          file, 0, "lm_head.weight differs from wte.weight: an untied head is not supported");
    }
    GptModel model = GptModel.create(spec.config(), spec.gelu(), 0, device);
    try (NDManager scope = model.manager().newSubManager()) {
      Map<String, NDArray> targets = model.parameterArrays();
      for (Map.Entry<String, NDArray> target : targets.entrySet()) {
        SafeTensorsFile.Tensor tensor = tensors.get(names.get(target.getKey()));
        NDArray source = scope.create(tensor.data(), new Shape(tensor.shape()));
        if (isConv1dWeight(target.getKey())) {
          source = source.transpose(1, 0);
        }
        // in place, as SafeTensors.readInto does: parameters keep their identity
        target.getValue().set(new NDIndex("..."), source);
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Writes config.json and model.safetensors (GPT-2 names and layouts) of {@code model} into {@code
   * directory}.
   */
  public static void write(
      GptModel model, Gelu gelu, int bosTokenId, int eosTokenId, Path directory) {
    Map<String, SafeTensorsFile.Tensor> tensors = new LinkedHashMap<>();
    model
        .parameterArrays()
        .forEach(
            (name, array) -> {
              if (!name.startsWith(PREFIX)) {
                throw new IllegalStateException("unexpected parameter name " + name);
              }
              NDArray values = isConv1dWeight(name) ? array.transpose(1, 0) : array;
              tensors.put(
                  name,
                  new SafeTensorsFile.Tensor(
                      gpt2Shape(name, array.getShape()), values.toFloatArray()));
              if (values != array) {
                values.close();
              }
            });
    SafeTensorsFile.write(directory.resolve(WEIGHTS_FILE), tensors);
    HfGpt2Config.write(model.config(), gelu, bosTokenId, eosTokenId, directory);
  }
}
