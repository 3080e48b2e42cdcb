/* The chat tokens: added HF-style as single special ids after the vocabulary; the embedding grows by them. */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTokensTest {
  @TempDir Path temp;

  private Tokenizer extended(BpeTokenizer base) throws Exception {
    Path file = temp.resolve("tokenizer.json");
    Files.write(file, ChatTemplate.extend(base.definition(), base.vocabSize(), file));
    return Tokenizers.load(file);
  }

  @Test
  void specialTokensEncodeAsSingleNewIds() throws Exception {
    BpeTokenizer base = SftFixtures.tokenizer();
    Tokenizer chat = extended(base);
    int v = base.vocabSize();
    assertEquals(v + 3, chat.vocabSize());
    assertArrayEquals(new int[] {v, v + 1, v + 2}, ChatTemplate.specialIds(chat));
    String request = "Tell me about Ahab.";
    int[] ids = chat.encode(ChatTemplate.prompt(request));
    assertEquals(v, ids[0]);
    assertArrayEquals(
        base.encode(request),
        Arrays.copyOfRange(ids, 1, ids.length - 2)); // text between: unchanged
    assertArrayEquals(
        new int[] {v + 2, v + 1}, Arrays.copyOfRange(ids, ids.length - 2, ids.length));
    assertEquals(
        ChatTemplate.render(request, "Yes."),
        chat.decode(chat.encode(ChatTemplate.render(request, "Yes."))));
  }

  @Test
  void extendingTwiceIsRefused() throws Exception {
    BpeTokenizer chat = (BpeTokenizer) extended(SftFixtures.tokenizer());
    assertThrows(
        InputException.class, () -> ChatTemplate.extend(chat.definition(), chat.vocabSize(), temp));
  }

  @Test
  void embeddingGrowsByTheAddedTokensWithMeanRows() {
    GptConfig config = new GptConfig(50, 16, 1, 2, 8);
    try (GptModel base = GptModel.create(config, 3, Device.cpu());
        GptModel grown = EmbeddingGrowth.grow(base, 3, 9, Device.cpu())) {
      assertEquals(53, grown.config().vocabSize());
      Map<String, float[]> before = values(base);
      Map<String, float[]> after = values(grown);
      float[] oldTable = before.get(EmbeddingGrowth.TOKEN_EMBEDDING);
      float[] newTable = after.get(EmbeddingGrowth.TOKEN_EMBEDDING);
      assertEquals(53 * 8, newTable.length);
      assertArrayEquals(oldTable, Arrays.copyOf(newTable, 50 * 8));
      for (int c = 0; c < 8; c++) {
        double mean = 0;
        for (int row = 0; row < 50; row++) {
          mean += oldTable[row * 8 + c] / 50.0;
        }
        for (int row = 50; row < 53; row++) {
          assertEquals(mean, newTable[row * 8 + c], 1e-6);
        }
      }
      before.forEach(
          (name, value) -> {
            if (!name.equals(EmbeddingGrowth.TOKEN_EMBEDDING)) {
              assertArrayEquals(value, after.get(name), name);
            }
          });
    }
  }

  private static Map<String, float[]> values(GptModel model) {
    Map<String, float[]> values = new java.util.LinkedHashMap<>();
    model.parameterArrays().forEach((name, array) -> values.put(name, array.toFloatArray()));
    return values;
  }
}
