/*
 * BPE training: merges computed by hand on tiny corpora (including the tie-breaking rule), exact vocabulary
 * size and id layout, stopping at min_frequency, identical output for 1 or 2 threads, config validation.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  private static List<String> merges(BpeTokenizer tokenizer) throws Exception {
    JsonNode root = new ObjectMapper().readTree(tokenizer.definition());
    List<String> merges = new ArrayList<>();
    root.path("model").path("merges").forEach(node -> merges.add(node.asText()));
    return merges;
  }

  @Test
  void learnsMostFrequentPairsFirst() throws Exception {
    // pairs: (a,b) x3, (space,a) x2 once "ab" exists, (space,c) and (c,d) x1
    BpeTrainer.Result result =
        BpeTrainer.train(List.of("ab ab ab cd"), new BpeTrainerConfig(259, 1, 1), Progress.NONE);
    BpeTokenizer tokenizer = result.tokenizer();
    assertEquals(List.of("a b", "\u0120 ab"), merges(tokenizer));
    assertEquals(259, tokenizer.vocabSize());
    assertEquals(258, tokenizer.endOfTextId());
    assertTrue(tokenizer.isSpecial(258));
    assertFalse(tokenizer.isSpecial(257));
    assertArrayEquals(new int[] {256, 257, 257}, tokenizer.encode("ab ab ab"));
    assertEquals(" ab", tokenizer.decodeToken(257));
    assertEquals("<|endoftext|>", tokenizer.decodeToken(258));
    assertEquals(3, result.distinctPreTokens(), "pre-tokens 'ab', ' ab', ' cd'");
  }

  @Test
  void breaksTiesBySmallerIds() throws Exception {
    // every pair occurs once: (space=32, z) < (x=120, y) < (256, w) by left id
    BpeTokenizer tokenizer =
        BpeTrainer.train(List.of("xy zw"), new BpeTrainerConfig(260, 1, 1), Progress.NONE)
            .tokenizer();
    assertEquals(List.of("\u0120 z", "x y", "\u0120z w"), merges(tokenizer));
  }

  @Test
  void stopsWhenPairsFallBelowMinFrequency() {
    BpeTrainer.Result result =
        BpeTrainer.train(List.of("xy zw"), new BpeTrainerConfig(300, 2, 1), Progress.NONE);
    assertEquals(257, result.tokenizer().vocabSize());
    assertEquals(0, result.merges());
    assertFalse(result.reachedVocabSize());
    assertArrayEquals(new int[] {'x', 'y'}, result.tokenizer().encode("xy"));
  }

  /**
   * A line of 200,000 of one letter (issue 15: 30 MB once made a 65,536-byte token that
   * tokenizer.json could not hold): merges stop at MAX_TOKEN_BYTES, the tokenizer renders and
   * round-trips the line; a short run of the same letter (negative control) still merges as before.
   */
  @Test
  void noTokenGrowsPastTheLengthCap() {
    String line = "a".repeat(200_000);
    BpeTrainer.Result result =
        BpeTrainer.train(List.of(line, line), new BpeTrainerConfig(300, 2, 1), Progress.NONE);
    BpeTokenizer tokenizer = result.tokenizer();
    int longest = 0;
    for (int id = 0; id < tokenizer.vocabSize(); id++) {
      longest = Math.max(longest, tokenizer.tokenBytes(id).length);
    }
    assertEquals(
        BpeTrainer.MAX_TOKEN_BYTES, longest, "a: 1, 2, 4, ... 1024 bytes, then no further merge");
    assertEquals(line, tokenizer.decode(tokenizer.encode(line)));
    BpeTrainer.Result small =
        BpeTrainer.train(List.of("aaaa aaaa"), new BpeTrainerConfig(300, 2, 1), Progress.NONE);
    assertTrue(
        small.merges() >= 2, "aa and aaaa are still learned below the cap: " + small.merges());
  }

  @Test
  void reachesRequestedSizeWithDenseIds() {
    BpeTokenizer tokenizer = TestTexts.smallTokenizer();
    assertEquals(TestTexts.SMALL_VOCAB, tokenizer.vocabSize());
    assertEquals(TestTexts.SMALL_VOCAB - 1, tokenizer.endOfTextId());
    for (int id = 0; id < 256; id++) {
      assertArrayEquals(new byte[] {(byte) id}, tokenizer.tokenBytes(id));
    }
    for (int id = 256; id < tokenizer.vocabSize() - 1; id++) {
      assertTrue(tokenizer.tokenBytes(id).length >= 2, "merged token " + id);
      assertFalse(tokenizer.isSpecial(id));
    }
    assertTrue(
        tokenizer.encode(String.join("\n", TestTexts.unseenHalf())).length
            < String.join("\n", TestTexts.unseenHalf()).length() / 2,
        "BPE compresses unseen English over 2x");
  }

  @Test
  void threadsDoNotChangeTheResult() {
    List<String> texts = TestTexts.trainingHalf();
    BpeTokenizer one =
        BpeTrainer.train(texts, new BpeTrainerConfig(700, 2, 1), Progress.NONE).tokenizer();
    BpeTokenizer two =
        BpeTrainer.train(texts, new BpeTrainerConfig(700, 2, 2), Progress.NONE).tokenizer();
    BpeTokenizer again =
        BpeTrainer.train(texts, new BpeTrainerConfig(700, 2, 2), Progress.NONE).tokenizer();
    assertArrayEquals(one.definition(), two.definition());
    assertEquals(two.sha256(), again.sha256());
  }

  @Test
  void rejectsBadConfigNamingTheField() {
    IllegalArgumentException small =
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainerConfig(256, 2, 1));
    assertTrue(small.getMessage().startsWith("vocab_size"), small.getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainerConfig(1000, 0, 1))
            .getMessage()
            .startsWith("min_frequency"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainerConfig(1000, 2, 0))
            .getMessage()
            .startsWith("threads"));
  }
}
