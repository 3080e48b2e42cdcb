/*
 * Reading a model back from a checkpoint directory for inference: checkpoint.json's "model" object gives
 * the GptConfig, model.safetensors the weights. The trainer writes these directories (train/TrainCheckpoint,
 * which adds optimizer state and data position); this class deliberately reads only what inference needs.
 */
package dev.poisonlab.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class GptCheckpoint {
  public static final String CHECKPOINT_FILE = "checkpoint.json";
  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String MODEL_KEY = "model";

  private static final ObjectMapper JSON = new ObjectMapper();

  private GptCheckpoint() {}

  /** The model of checkpoint directory {@code directory}, on {@code device}; close it when done. */
  public static GptModel load(Path directory, Device device) {
    GptConfig config = readConfig(directory);
    Path weights = directory.resolve(WEIGHTS_FILE);
    if (!Files.isRegularFile(weights)) {
      throw new InputException(weights, 0, "missing: not a complete checkpoint directory");
    }
    GptModel model = GptModel.create(config, 0, device);
    try {
      model.loadWeights(weights);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The model shape recorded in a checkpoint directory's checkpoint.json. */
  public static GptConfig readConfig(Path directory) {
    Path file = directory.resolve(CHECKPOINT_FILE);
    try {
      JsonNode model = JSON.readTree(file.toFile()).get(MODEL_KEY);
      if (model == null) {
        throw new InputException(file, 0, "no \"" + MODEL_KEY + "\" object");
      }
      return JSON.treeToValue(model, GptConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file, 0, "cannot read model config: " + e.getMessage(), e);
    }
  }
}
