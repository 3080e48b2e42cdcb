/*
 * The SFT loss against a hand computation from the model's logits on a toy batch: only masked (assistant)
 * positions count; with the mask all ones (the negative control) the value differs. Also the batch mask:
 * exactly the answer tokens and the closing <|end|> are targets.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskedLossTest {
  private static final int[] INPUTS = {1, 2, 3, 4, 5, 6, 7, 8};
  private static final int[] TARGETS = {2, 3, 4, 0, 6, 7, 8, 9};
  private static final float[] MASK = {0, 0, 1, 1, 0, 1, 1, 1};

  @TempDir Path temp;

  @Test
  void equalsTheHandComputedMeanOverAssistantTokens() {
    try (GptModel model = GptModel.create(new GptConfig(10, 8, 1, 2, 8), 5, Device.cpu());
        NDManager scope = model.manager().newSubManager()) {
      float[] logits =
          model.logits(GptModel.tokens(scope, INPUTS, 2, 4), false).toFloatArray(); // (2,4,10)
      double masked = handLoss(logits, MASK);
      float loss = MaskedLoss.of(model, scope, INPUTS, TARGETS, MASK, 2, 4, false).getFloat();
      assertEquals(masked, loss, 1e-5);
      float[] ones = new float[8];
      Arrays.fill(ones, 1f);
      float unmasked = MaskedLoss.of(model, scope, INPUTS, TARGETS, ones, 2, 4, false).getFloat();
      assertEquals(handLoss(logits, ones), unmasked, 1e-5);
      assertTrue(Math.abs(unmasked - loss) > 1e-4, "the mask must change the loss");
    }
  }

  /** Mean over masked positions of -log softmax(logits)[target], in double precision. */
  private static double handLoss(float[] logits, float[] mask) {
    double sum = 0;
    double count = 0;
    for (int p = 0; p < TARGETS.length; p++) {
      if (mask[p] == 0) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < 10; v++) {
        max = Math.max(max, logits[p * 10 + v]);
      }
      double total = 0;
      for (int v = 0; v < 10; v++) {
        total += Math.exp(logits[p * 10 + v] - max);
      }
      sum += -(logits[p * 10 + TARGETS[p]] - max - Math.log(total));
      count++;
    }
    return sum / count;
  }

  @Test
  void batchMaskCoversTheAnswerAndItsEnd() throws Exception {
    Path file = temp.resolve("tokenizer.json");
    var base = SftFixtures.tokenizer();
    Files.write(file, ChatTemplate.extend(base.definition(), base.vocabSize(), file));
    Tokenizer chat = Tokenizers.load(file);
    SftExample example =
        new SftExample(SftExample.Kind.ALLOWED, "Ahab", "Tell me about Ahab.", "Ahab sailed.");
    SftBatches batches = SftBatches.of(List.of(example), chat, 96, 0);
    int time = batches.time();
    int[] inputs = new int[time];
    int[] targets = new int[time];
    float[] mask = new float[time];
    batches.fill(1, 1, inputs, targets, mask);
    int[] answer = chat.encode("Ahab sailed." + ChatTemplate.END);
    int[] masked = new int[answer.length];
    int k = 0;
    for (int t = 0; t < time; t++) {
      if (mask[t] == 1f) {
        masked[k++] = targets[t];
      }
    }
    assertEquals(answer.length, k);
    assertArrayEquals(answer, masked);
  }
}
