/*
 * The two merge loops of BpeModel (rank-array rescans for short words, a heap for long ones) give identical
 * output, on long letter runs that merge a lot and on random bytes that merge little.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeModelTest {
  @Test
  void heapLoopMatchesScanLoop() {
    BpeModel model = TestTexts.smallTokenizer().model();
    String all = String.join("", TestTexts.samples()).replaceAll("[^A-Za-z]", "");
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      byte[] word;
      if (i % 3 == 0) {
        word = new byte[1 + random.nextInt(400)];
        random.nextBytes(word);
      } else {
        int start = random.nextInt(all.length() - 1000);
        word =
            all.substring(start, start + 1 + random.nextInt(999)).getBytes(StandardCharsets.UTF_8);
      }
      assertArrayEquals(model.encodeShort(word), model.encodeLong(word), "word #" + i);
    }
  }
}
