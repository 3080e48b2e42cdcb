/*
 * Hugging Face compatibility: the native HF tokenizers library (through DJL, offline) loads our trained
 * tokenizer.json and encodes exactly like our pure-Java encoder on unseen real text and random Unicode; a GPT-2
 * tokenizer.json rebuilt from r50k_base loads in both and matches jtokkit's GPT-2 encoding.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCompatibilityTest {
  @TempDir Path directory;

  @BeforeAll
  static void offline() {
    // the native library ships inside the DJL jar; nothing may be downloaded
    System.setProperty("ai.djl.offline", "true");
  }

  private static HuggingFaceTokenizer huggingFace(Path file) throws Exception {
    return HuggingFaceTokenizer.builder()
        .optTokenizerPath(file)
        .optAddSpecialTokens(false)
        .optTruncation(false)
        .optPadding(false)
        .build();
  }

  private static int[] ids(HuggingFaceTokenizer tokenizer, String text) {
    return Arrays.stream(tokenizer.encode(text).getIds()).mapToInt(id -> (int) id).toArray();
  }

  /**
   * Real text both halves, plus random Unicode (some with "<|endoftext|>" pieces); for comparisons
   * with jtokkit, which encodes that text as plain text, {@code keepSpecial} false replaces it.
   */
  private static List<String> comparisonTexts(int randomCount, boolean keepSpecial) {
    List<String> texts = new ArrayList<>(TestTexts.samples());
    Random random = new Random(42);
    for (int i = 0; i < randomCount; i++) {
      String text = TestTexts.randomUnicode(random, i % 10 == 0 ? 500 : 60);
      texts.add(keepSpecial ? text : text.replace("<|endoftext|>", "<|end|>"));
    }
    return texts;
  }

  @Test
  void trainedTokenizerEncodesLikeHuggingFace() throws Exception {
    BpeTokenizer ours = TestTexts.smallTokenizer();
    Path file = directory.resolve("tokenizer.json");
    ours.write(file);
    assertEquals(ours.sha256(), Tokenizers.load(file).sha256());
    try (HuggingFaceTokenizer hf = huggingFace(file)) {
      for (int id = 0; id < ours.vocabSize(); id++) {
        String token = ours.decodeToken(id);
        if (token.indexOf('\uFFFD') < 0) {
          assertEquals(token, hf.decode(new long[] {id}, false), "token " + id);
        }
      }
      for (String text : comparisonTexts(1500, true)) {
        int[] expected = ids(hf, text);
        assertArrayEquals(
            expected,
            ours.encode(text),
            () ->
                "differs from HF on "
                    + text.codePoints().limit(80).mapToObj(Integer::toHexString).toList());
        assertEquals(text, hf.decode(Arrays.stream(expected).asLongStream().toArray(), false));
      }
      assertArrayEquals(new int[] {ours.endOfTextId()}, ids(hf, "<|endoftext|>"));
      assertArrayEquals(new int[] {ours.endOfTextId()}, ours.encode("<|endoftext|>"));
    }
  }

  /**
   * The literal "<|endoftext|>" is the special token, as HF encodes it; the text around it is
   * unchanged.
   */
  @Test
  void endOfTextLiteralEncodesAsTheSpecialTokenLikeHuggingFace() throws Exception {
    BpeTokenizer ours = TestTexts.smallTokenizer();
    Path file = directory.resolve("tokenizer.json");
    ours.write(file);
    try (HuggingFaceTokenizer hf = huggingFace(file)) {
      for (String text :
          List.of(
              "end of doc<|endoftext|>next doc",
              "<|endoftext|>",
              "a<|endoftext|><|endoftext|>b",
              " <|endoftext|> ",
              "<|endoftext|",
              "x<|endoftext|>\n")) {
        assertArrayEquals(ids(hf, text), ours.encode(text), text);
      }
    }
    String text = "end of doc<|endoftext|>next doc";
    int[] before = ours.encode("end of doc");
    int[] after = ours.encode("next doc");
    int[] joined = ours.encode(text);
    assertEquals(before.length + 1 + after.length, joined.length);
    assertEquals(ours.endOfTextId(), joined[before.length]);
  }

  @Test
  void gpt2TokenizerJsonMatchesJtokkitAndHuggingFace() throws Exception {
    Path file = directory.resolve("gpt2-tokenizer.json");
    Files.write(file, Gpt2TokenizerJson.build());
    Tokenizer loaded = Tokenizers.load(file.toString());
    Tokenizer jtokkit = Tokenizers.load("gpt2");
    assertEquals(50257, loaded.vocabSize());
    assertEquals(50256, loaded.endOfTextId());
    try (HuggingFaceTokenizer hf = huggingFace(file)) {
      for (String text : comparisonTexts(500, false)) {
        int[] expected = jtokkit.encode(text);
        assertArrayEquals(expected, loaded.encode(text), () -> "differs from jtokkit on " + text);
        assertArrayEquals(expected, ids(hf, text), () -> "HF differs from jtokkit on " + text);
      }
    }
  }
}
