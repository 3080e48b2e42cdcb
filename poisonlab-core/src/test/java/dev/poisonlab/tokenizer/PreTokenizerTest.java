/*
 * GPT-2 pre-tokenization: golden splits (contractions, digit runs, whitespace look-ahead, Unicode spaces)
 * and the invariant that pieces always spell the input.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {
  private static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    PreTokenizer.forEach(text, pieces::add);
    return pieces;
  }

  @Test
  void splitsLikeGpt2() {
    assertEquals(
        List.of(
            "Hello",
            ",",
            " world",
            "!",
            " It",
            "'s",
            " 2024",
            "...",
            " ",
            " Tabs",
            "\t",
            "and",
            "\n",
            "\n",
            "newlines",
            "  ",
            " end"),
        split("Hello, world! It's 2024...  Tabs\tand\n\nnewlines   end"));
    // GPT-2's contraction alternatives are lower-case only: "'M" falls apart into punctuation +
    // letters
    assertEquals(List.of("we", "'ll", " don", "'t", " I", "'", "M"), split("we'll don't I'M"));
    assertEquals(List.of("   "), split("   "));
  }

  @Test
  void unicodeSpacesAreWhitespace() {
    // Java's default \s is ASCII-only and would glue the em spaces into one punctuation run
    assertEquals(List.of("x", "\u2003", "\u2003", "y"), split("x\u2003\u2003y"));
    assertEquals(
        List.of("\u65E5\u672C\u8A9E", "\u3000", "\u30C6\u30B9\u30C8"),
        split("\u65E5\u672C\u8A9E\u3000\u30C6\u30B9\u30C8"));
  }

  @Test
  void piecesSpellTheInput() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      String text = TestTexts.randomUnicode(random, 80);
      assertEquals(text, String.join("", split(text)), "input #" + i);
    }
  }
}
