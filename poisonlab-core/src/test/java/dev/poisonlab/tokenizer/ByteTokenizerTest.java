/*
 * ByteTokenizer: lossless round trip for valid Unicode (astral characters included), <|endoftext|> is the one
 * special id, partial UTF-8 decodes to U+FFFD, and out-of-range ids are rejected.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteTokenizerTest {
  private final ByteTokenizer tokenizer = new ByteTokenizer();

  @Test
  void roundTripsAndMarksOnlyEndOfTextSpecial() {
    String text = "Grüße \uD83D\uDE00 <|endoftext|> plain";
    int[] ids = tokenizer.encode(text);
    assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, ids.length);
    assertEquals(text, tokenizer.decode(ids));
    assertArrayEquals(new int[] {0x47, 0x72, 0xC3, 0xBC}, java.util.Arrays.copyOf(ids, 4));
    assertEquals(257, tokenizer.vocabSize());
    assertTrue(tokenizer.isSpecial(256));
    assertFalse(tokenizer.isSpecial(255));
    assertEquals("a<|endoftext|>", tokenizer.decode(new int[] {97, 256}));
    // pinned: manifests written by earlier versions record this hash
    assertEquals(
        "31d2556750c9b1a9e338888ceb19dd3be2436d1a52de1168db8dad498633ebec", tokenizer.sha256());
  }

  @Test
  void partialCharactersDecodeLossilyAndBadIdsFail() {
    assertEquals("\uFFFD", tokenizer.decode(new int[] {0xC3}));
    assertEquals("\uFFFD", tokenizer.decodeToken(0xFF));
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {257}));
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}));
  }
}
