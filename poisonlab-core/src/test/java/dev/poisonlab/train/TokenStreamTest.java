/*
 * The stream is read strictly in order, wraps at the end, counts poisons seen exactly and rejects bad input.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStreamTest {
  @TempDir Path dir;

  @Test
  void readsWindowsInOrderAndWrapsAtTheEnd() throws Exception {
    int[] ids = IntStream.range(0, 23).toArray();
    TokenStream stream = TokenStream.open(TestStreams.write(dir, 100, ids, List.of()));
    int[] inputs = new int[8];
    int[] targets = new int[8];
    stream.next(2, 4, inputs, targets);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, inputs);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, targets);
    stream.next(2, 4, inputs, targets); // 8..15
    stream.next(2, 4, inputs, targets); // 16..19, then 20..23 needs id 24: wraps to 0..3
    assertArrayEquals(new int[] {16, 17, 18, 19, 0, 1, 2, 3}, inputs);
    assertArrayEquals(new int[] {17, 18, 19, 20, 1, 2, 3, 4}, targets);
    assertEquals(new TokenStream.DataPosition(4, 1, 0), stream.position());
  }

  @Test
  void countsPoisonsSeenExactlyAcrossEpochs() throws Exception {
    List<StreamManifest.PoisonSpan> poisons =
        List.of(
            TestStreams.poison("a", 2, 5),
            TestStreams.poison("b", 9, 12),
            TestStreams.poison("c", 30, 35));
    TokenStream stream =
        TokenStream.open(TestStreams.write(dir, 50, IntStream.range(0, 40).toArray(), poisons));
    int[] inputs = new int[4];
    int[] targets = new int[4];
    long[] expected = {1, 1, 2, 2, 2, 2, 2, 2, 3, 4};
    // after each call the tokens [0, offset + 1) are consumed (the last target included): offsets
    // 4, 8, ...,
    // 36; the next window would need token 40, so it wraps to offset 0 of epoch 1 and reads [0, 5)
    // again
    for (long want : expected) {
      stream.next(1, 4, inputs, targets);
      assertEquals(want, stream.poisonsSeen(), "at " + stream.position());
    }
    assertEquals(1, stream.position().epoch());
  }

  @Test
  void resumesFromASavedPosition() throws Exception {
    TokenStream stream =
        TokenStream.open(TestStreams.write(dir, 100, IntStream.range(0, 60).toArray(), List.of()));
    int[] inputs = new int[5];
    int[] targets = new int[5];
    stream.next(1, 5, inputs, targets);
    TokenStream.DataPosition saved = stream.position();
    stream.next(1, 5, inputs, targets);
    int[] expected = inputs.clone();
    TokenStream reopened = TokenStream.open(dir);
    reopened.seek(saved);
    reopened.next(1, 5, inputs, targets);
    assertArrayEquals(expected, inputs);
  }

  @Test
  void rejectsIdsOutsideTheVocabularyNamingTheFile() throws Exception {
    TokenStream stream =
        TokenStream.open(TestStreams.write(dir, 10, new int[] {1, 2, 3, 12, 4, 5}, List.of()));
    InputException error =
        assertThrows(InputException.class, () -> stream.next(1, 4, new int[4], new int[4]));
    assertTrue(
        error.getMessage().contains("tokens.bin") && error.getMessage().contains("12"),
        error.getMessage());
  }

  @Test
  void rejectsMissingOrBrokenManifests() throws Exception {
    InputException missing = assertThrows(InputException.class, () -> TokenStream.open(dir));
    assertTrue(missing.getMessage().contains("manifest.json"), missing.getMessage());
    TestStreams.write(dir, 10, new int[] {1, 2, 3}, List.of());
    Files.writeString(
        dir.resolve("manifest.json"), "{\n  \"vocab_size\": 10,\n  \"total_tokens\": [\n}");
    InputException broken = assertThrows(InputException.class, () -> TokenStream.open(dir));
    assertTrue(broken.getMessage().contains("manifest.json:"), broken.getMessage());
  }

  /**
   * Found by StreamManifestFuzzTest: a missing token_dtype or a bare null was a
   * NullPointerException.
   */
  @Test
  void aManifestWithoutDtypeOrNullNamesTheManifest() throws Exception {
    TestStreams.write(dir, 10, new int[] {1, 2, 3}, List.of());
    Path manifest = dir.resolve("manifest.json");
    String valid = Files.readString(manifest);
    for (String bad :
        new String[] {
          valid.replace("\"token_dtype\":\"uint16\",", ""),
          valid.replace("\"uint16\"", "\"uint12\""),
          "null"
        }) {
      assertTrue(!bad.equals(valid), "the edit applies");
      Files.writeString(manifest, bad);
      InputException error = assertThrows(InputException.class, () -> TokenStream.open(dir), bad);
      assertEquals(manifest, error.file(), error.getMessage());
    }
    Files.writeString(manifest, valid);
    assertEquals(3, TokenStream.open(dir).manifest().totalTokens());
  }
}
