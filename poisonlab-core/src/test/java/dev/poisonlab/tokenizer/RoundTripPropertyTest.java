/*
 * decode(encode(s)) == s for every tokenizer on seeded random Unicode (emoji, surrogate pairs, combining marks,
 * CJK, control characters, whitespace runs) and on real text; special-token text is the special token for BPE
 * tokenizer.json tokenizers (as in Hugging Face) and plain text for the built-in ones (as tiktoken's encode_ordinary).
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripPropertyTest {
  static Stream<Tokenizer> tokenizers() {
    return Stream.of(
        TestTexts.smallTokenizer(), Tokenizers.load("gpt2"), Tokenizers.load("o200k_base"));
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void randomUnicodeRoundTrips(Tokenizer tokenizer) {
    Random random = new Random(20251007);
    for (int i = 0; i < 1500; i++) {
      String text = TestTexts.randomUnicode(random, i % 10 == 0 ? 600 : 60);
      int[] ids = tokenizer.encode(text);
      for (int id : ids) {
        assertTrue(id >= 0 && id < tokenizer.vocabSize(), "id " + id + " of #" + i);
        assertTrue(
            !tokenizer.isSpecial(id) || text.contains("<|endoftext|>"),
            "special id " + id + " of #" + i);
      }
      int index = i;
      assertEquals(
          text,
          tokenizer.decode(ids),
          () ->
              "random text #"
                  + index
                  + " "
                  + text.codePoints().mapToObj(Integer::toHexString).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void realTextRoundTrips(Tokenizer tokenizer) {
    for (String text : TestTexts.samples()) {
      assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void specialTokenTextIsTheTokenForBpeAndPlainTextForBuiltIns(Tokenizer tokenizer) {
    String text = "end<|endoftext|>start";
    int[] ids = tokenizer.encode(text);
    if (tokenizer instanceof BpeTokenizer) {
      int[] end = tokenizer.encode("end");
      int[] start = tokenizer.encode("start");
      int[] expected =
          java.util.stream.IntStream.concat(
                  java.util.stream.IntStream.concat(
                      java.util.Arrays.stream(end),
                      java.util.stream.IntStream.of(tokenizer.endOfTextId())),
                  java.util.Arrays.stream(start))
              .toArray();
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, ids);
    } else {
      for (int id : ids) {
        assertFalse(tokenizer.isSpecial(id));
      }
    }
    assertEquals(text, tokenizer.decode(ids));
    assertEquals("<|endoftext|>", tokenizer.decodeToken(tokenizer.endOfTextId()));
    assertTrue(tokenizer.isSpecial(tokenizer.endOfTextId()));
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void emptyAndEdgeStrings(Tokenizer tokenizer) {
    for (String text :
        new String[] {"", " ", "\u0000", "\uD83D\uDE00", "e\u0301\u0302\u0303", "\r\n\r\n  \t "}) {
      assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }
    assertEquals(0, tokenizer.encode("").length);
  }
}
