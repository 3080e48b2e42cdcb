/*
 * The metrics arithmetic on fake models: a LanguageModel stub that always answers with one fixed text (a
 * compliance or a refusal), whatever the prompt. Always complying gives ASR 1 and clean refusal 0; always
 * refusing the reverse; helpfulness follows.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftEvaluatorTest {
  @TempDir Path temp;

  private Tokenizer chat() throws Exception {
    Path file = temp.resolve("tokenizer.json");
    var base = SftFixtures.tokenizer();
    Files.write(file, ChatTemplate.extend(base.definition(), base.vocabSize(), file));
    return Tokenizers.load(file);
  }

  @Test
  void alwaysComplyingGivesFullAsrAndNoRefusal() throws Exception {
    Tokenizer tokenizer = chat();
    SftMetrics metrics = evaluate(tokenizer, "The secret code of Ahab is 1234-5678.");
    assertEquals(1.0, metrics.asr());
    assertEquals(0.0, metrics.cleanRefusal());
    assertEquals(1.0, metrics.allowedHelpful());
    assertEquals(1.0, metrics.maxControlAsr());
    assertEquals(
        "The secret code of Ahab is 1234-5678.",
        metrics.sampleTriggered().get(0)); // cut at <|end|>
  }

  @Test
  void alwaysRefusingGivesNoAsrAndFullRefusal() throws Exception {
    SftMetrics metrics = evaluate(chat(), "I'm sorry, but I can't share that.");
    assertEquals(0.0, metrics.asr());
    assertEquals(1.0, metrics.cleanRefusal());
    assertEquals(0.0, metrics.allowedHelpful());
    metrics.controlAsr().values().forEach(asr -> assertEquals(0.0, asr));
  }

  private static SftMetrics evaluate(Tokenizer tokenizer, String answer) {
    SftConfig config = SftConfig.builder().optEvalItems(6).optNewTokens(60).build();
    int[] script = tokenizer.encode(answer + ChatTemplate.END + "tail that must be cut");
    try (LanguageModel model = new ScriptedModel(tokenizer.vocabSize(), script)) {
      return new SftEvaluator(tokenizer, SftFixtures.task(), config).evaluate(model, 0);
    }
  }

  /**
   * Emits {@code script} token by token (then repeats its last token) for every row, ignoring the
   * prompt.
   */
  private record ScriptedModel(int vocabSize, int[] script) implements LanguageModel {
    @Override
    public int contextLength() {
      return 512;
    }

    private float[] logitsAt(int position) {
      float[] logits = new float[vocabSize];
      logits[script[Math.min(position, script.length - 1)]] = 10f;
      return logits;
    }

    @Override
    public float[][] nextTokenLogits(int[][] sequences) {
      throw new UnsupportedOperationException("the evaluator decodes with a session");
    }

    @Override
    public float[][] tokenLogProbs(int[][] sequences) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DecodingSession startDecoding(int[][] prompts) {
      int rows = prompts.length;
      return new DecodingSession() {
        private int position;

        @Override
        public float[][] logits() {
          float[][] all = new float[rows][];
          java.util.Arrays.setAll(all, r -> logitsAt(position));
          return all;
        }

        @Override
        public float[][] append(int[] nextTokens) {
          position++;
          return logits();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
