/*
 * Shared test inputs: the real-text fixture (sample-texts.jsonl), a small tokenizer trained on it once per JVM,
 * and a seeded generator of hostile Unicode (emoji, surrogate pairs, combining marks, CJK, controls, space runs).
 * Not a test itself.
 */
package dev.poisonlab.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

final class TestTexts {
  static final int SMALL_VOCAB = 1200;
  private static List<String> samples;
  private static BpeTokenizer small;

  private TestTexts() {}

  static synchronized List<String> samples() {
    if (samples == null) {
      ObjectMapper mapper = new ObjectMapper();
      List<String> texts = new ArrayList<>();
      try (InputStream in = TestTexts.class.getResourceAsStream("sample-texts.jsonl");
          BufferedReader reader =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          texts.add(mapper.readTree(line).get("text").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      samples = List.copyOf(texts);
    }
    return samples;
  }

  /** Every other sample trains, the rest stay unseen for comparisons. */
  static List<String> trainingHalf() {
    List<String> half = new ArrayList<>();
    for (int i = 0; i < samples().size(); i += 2) {
      half.add(samples().get(i));
    }
    return half;
  }

  static List<String> unseenHalf() {
    List<String> half = new ArrayList<>();
    for (int i = 1; i < samples().size(); i += 2) {
      half.add(samples().get(i));
    }
    return half;
  }

  static synchronized BpeTokenizer smallTokenizer() {
    if (small == null) {
      small =
          BpeTrainer.train(trainingHalf(), new BpeTrainerConfig(SMALL_VOCAB, 2, 2), Progress.NONE)
              .tokenizer();
    }
    return small;
  }

  // Ranges whose letters and digits were assigned by Unicode 11, so Java 17 and HF's regex engine
  // agree on them.
  private static final int[][] RANGES = {
    {0x20, 0x7E},
    {0x00, 0x1F},
    {0x7F, 0x9F},
    {0xA0, 0x24F},
    {0x300, 0x36F},
    {0x370, 0x3FF},
    {0x400, 0x4FF},
    {0x5D0, 0x5EA},
    {0x620, 0x669},
    {0x900, 0x97F},
    {0xE01, 0xE5B},
    {0x2000, 0x206F},
    {0x20A0, 0x20BF},
    {0x2190, 0x22FF},
    {0x3000, 0x303F},
    {0x3041, 0x3096},
    {0x4E00, 0x9FEF},
    {0xAC00, 0xD7A3},
    {0xFF01, 0xFF5E},
    {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6C5},
    {0x1F3FB, 0x1F3FF},
    {0x1D400, 0x1D7FF},
    {0x10400, 0x1044F}
  };
  private static final String[] PIECES = {
    " ",
    "  ",
    "   ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    " \n ",
    "\u00A0",
    "\u3000",
    "'s",
    "'ll",
    "'re",
    "'ve",
    "'d",
    "'m",
    "'t",
    "'S",
    "e\u0301",
    "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    "\uD83D\uDC4D\uD83C\uDFFD",
    "123",
    " 4567",
    "hello",
    " world",
    "caf\u00E9",
    "\u65E5\u672C\u8A9E",
    "<|endoftext|>",
    "<|",
    "|>",
    "..."
  };

  /**
   * A random valid string of up to maxCodePoints code points (or pieces), mixing ranges and fixed
   * pieces.
   */
  static String randomUnicode(Random random, int maxCodePoints) {
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(maxCodePoints + 1);
    int[] range = RANGES[random.nextInt(RANGES.length)];
    for (int i = 0; i < count; i++) {
      if (random.nextInt(8) == 0) {
        range = RANGES[random.nextInt(RANGES.length)];
      }
      if (random.nextInt(6) == 0) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      } else {
        text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
      }
    }
    return text.toString();
  }
}
