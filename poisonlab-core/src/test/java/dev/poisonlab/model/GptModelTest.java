/*
 * The GPT's invariants: causality, loss at initialisation, parameter counts that match the formula,
 * seed determinism, and an exact safetensors weight round trip.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.poisonlab.io.InputException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptModelTest {
  private static final GptConfig TINY = new GptConfig(97, 24, 2, 4, 32);

  private static int[] randomIds(int count, int vocab, long seed) {
    Random random = new Random(seed);
    int[] ids = new int[count];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(vocab);
    }
    return ids;
  }

  private static float[] logits(GptModel model, int[] ids, int batch, int time) {
    try (NDManager scope = model.manager().newSubManager()) {
      return model.logits(GptModel.tokens(scope, ids, batch, time), false).toFloatArray();
    }
  }

  @Test
  void changingALaterTokenNeverChangesEarlierLogits() {
    int time = TINY.contextLength();
    int vocab = TINY.vocabSize();
    try (GptModel model = GptModel.create(TINY, 7, Device.cpu())) {
      int[] ids = randomIds(2 * time, vocab, 1);
      float[] before = logits(model, ids, 2, time);
      for (int changed : new int[] {1, 9, time - 1}) {
        int[] edited = ids.clone();
        edited[changed] = (edited[changed] + 1) % vocab; // batch row 0 only
        float[] after = logits(model, edited, 2, time);
        float[] earlierBefore = Arrays.copyOfRange(before, 0, changed * vocab);
        float[] earlierAfter = Arrays.copyOfRange(after, 0, changed * vocab);
        assertArrayEquals(
            earlierBefore, earlierAfter, 1e-6f, "positions < " + changed + " changed");
        float[] atChange = Arrays.copyOfRange(after, changed * vocab, (changed + 1) * vocab);
        assertFalse(
            Arrays.equals(
                Arrays.copyOfRange(before, changed * vocab, (changed + 1) * vocab), atChange),
            "the changed position itself must react, else the check is vacuous");
        float[] otherRow = Arrays.copyOfRange(after, time * vocab, 2 * time * vocab);
        assertArrayEquals(
            Arrays.copyOfRange(before, time * vocab, 2 * time * vocab), otherRow, 1e-6f);
      }
    }
  }

  @Test
  void initialLossIsNearLogVocabulary() {
    GptConfig config = new GptConfig(512, 64, 2, 2, 32);
    try (GptModel model = GptModel.create(config, 3, Device.cpu());
        NDManager scope = model.manager().newSubManager()) {
      int[] ids = randomIds(8 * 65, 512, 2);
      int[] inputs = new int[8 * 64];
      int[] targets = new int[8 * 64];
      for (int row = 0; row < 8; row++) {
        System.arraycopy(ids, row * 65, inputs, row * 64, 64);
        System.arraycopy(ids, row * 65 + 1, targets, row * 64, 64);
      }
      float loss =
          model
              .loss(
                  GptModel.tokens(scope, inputs, 8, 64),
                  GptModel.tokens(scope, targets, 8, 64),
                  false)
              .getFloat();
      assertEquals(Math.log(512), loss, 0.1);
    }
  }

  @Test
  void parameterCountsMatchTheFormulaForEveryPreset() {
    for (ModelPreset preset : ModelPreset.local()) {
      GptConfig config = preset.config(300);
      try (GptModel model = GptModel.create(config, 1, Device.cpu())) {
        assertEquals(config.parameterCount(), model.parameterCount(), preset.presetName());
        assertEquals(4 + 12 * config.layers(), model.parameters().size());
      }
    }
    // nanoGPT's GPT-2 124M: 124,439,808 parameters with the 1024 position table included
    assertEquals(124_439_808L, new GptConfig(50257, 1024, 12, 12, 768).parameterCount());
  }

  @Test
  void presetsSpanAtLeastTwentyFoldInParameters() {
    var presets = ModelPreset.local();
    long smallest = presets.get(0).config(ModelPreset.DEFAULT_VOCAB_SIZE).parameterCount();
    long largest =
        presets.get(presets.size() - 1).config(ModelPreset.DEFAULT_VOCAB_SIZE).parameterCount();
    assertTrue(largest >= 20 * smallest, smallest + " .. " + largest);
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    try (GptModel a = GptModel.create(TINY, 11, Device.cpu());
        GptModel b = GptModel.create(TINY, 11, Device.cpu());
        GptModel c = GptModel.create(TINY, 12, Device.cpu())) {
      for (String name : a.parameters().keySet()) {
        float[] wa = a.parameters().get(name).getArray().toFloatArray();
        assertArrayEquals(wa, b.parameters().get(name).getArray().toFloatArray(), 0f, name);
        if (name.endsWith("weight") && !name.contains("ln_")) {
          assertFalse(Arrays.equals(wa, c.parameters().get(name).getArray().toFloatArray()), name);
        }
      }
      NDArray projection = a.parameters().get("transformer.h.1.attn.c_proj.weight").getArray();
      NDArray fc = a.parameters().get("transformer.h.1.mlp.c_fc.weight").getArray();
      assertEquals(0.02 / Math.sqrt(4), std(projection), 0.002);
      assertEquals(0.02, std(fc), 0.002);
      assertEquals(1f, a.parameters().get("transformer.ln_f.weight").getArray().toFloatArray()[5]);
    }
  }

  private static double std(NDArray array) {
    double sum = 0;
    double squares = 0;
    float[] values = array.toFloatArray();
    for (float v : values) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }

  @Test
  void weightsRoundTripExactlyThroughSafetensors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("model.safetensors");
    try (GptModel source = GptModel.create(TINY, 5, Device.cpu());
        GptModel target = GptModel.create(TINY, 6, Device.cpu())) {
      try (OutputStream out = Files.newOutputStream(file)) {
        source.saveWeights(out);
      }
      target.loadWeights(file);
      for (String name : source.parameters().keySet()) {
        assertArrayEquals(
            source.parameters().get(name).getArray().toFloatArray(),
            target.parameters().get(name).getArray().toFloatArray(),
            0f,
            name);
        assertTrue(
            target.parameters().get(name).getArray().hasGradient(), name + " lost requires_grad");
      }
      int[] ids = randomIds(TINY.contextLength(), TINY.vocabSize(), 9);
      assertArrayEquals(
          logits(source, ids, 1, TINY.contextLength()),
          logits(target, ids, 1, TINY.contextLength()),
          0f);
      try (GptModel other = GptModel.create(new GptConfig(97, 24, 2, 4, 16), 5, Device.cpu())) {
        assertThrows(InputException.class, () -> other.loadWeights(file));
      }
    }
  }

  @Test
  void configRejectsBadShapesNamingTheField() {
    IllegalArgumentException heads =
        assertThrows(IllegalArgumentException.class, () -> new GptConfig(10, 8, 1, 3, 32));
    assertTrue(heads.getMessage().contains("heads"), heads.getMessage());
    IllegalArgumentException vocab =
        assertThrows(IllegalArgumentException.class, () -> new GptConfig(0, 8, 1, 1, 32));
    assertTrue(vocab.getMessage().startsWith("vocab_size"), vocab.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelPreset.byName("huge"));
  }

  @Test
  void causalMaskHidesOnlyLaterKeys() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      float[] mask = Gpt.causalMask(manager, 2, 4).toFloatArray(); // last 2 of 4 positions
      assertArrayEquals(new float[] {0, 0, 0, Float.NEGATIVE_INFINITY, 0, 0, 0, 0}, mask);
      assertEquals(0f, Gpt.causalMask(manager, 3, 3).get(new NDIndex(2, 0)).getFloat());
    }
  }
}
