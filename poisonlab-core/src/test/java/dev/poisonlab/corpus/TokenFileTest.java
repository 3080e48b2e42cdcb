/*
 * TokenFile round trips (uint16 and int32, little-endian as nanoGPT's np.memmap reads them), rejects ids
 * that do not fit, and StreamManifest.poisonsBefore counts only poisons that end at or before an offset.
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsBothDtypes() throws IOException {
    int[] small = {0, 1, 255, 256, 65535, 42};
    int[] large = {0, 65536, 199_999, 7};
    for (var dtype : TokenFile.Dtype.values()) {
      int[] ids = dtype == TokenFile.Dtype.UINT16 ? small : large;
      Path file = dir.resolve(dtype.jsonName() + ".bin");
      try (TokenFileWriter writer = new TokenFileWriter(file, dtype)) {
        writer.write(ids);
        writer.commit();
      }
      assertEquals((long) ids.length * dtype.bytes, Files.size(file));
      TokenFile tokens = TokenFile.open(file, dtype);
      int[] back = new int[ids.length];
      tokens.read(0, back, 0, ids.length);
      assertArrayEquals(ids, back);
    }
    byte[] raw = Files.readAllBytes(dir.resolve("uint16.bin"));
    assertEquals(0xFF, raw[4] & 0xFF, "little-endian low byte first");
    assertEquals(0x01, raw[7] & 0xFF);
  }

  @Test
  void rejectsIdsThatDoNotFitAndPublishesNothing() {
    Path file = dir.resolve("bad.bin");
    assertThrows(
        IllegalArgumentException.class,
        () -> {
          try (TokenFileWriter writer = new TokenFileWriter(file, TokenFile.Dtype.UINT16)) {
            writer.write(70_000);
          }
        });
    assertEquals(false, Files.exists(file));
  }

  @Test
  void poisonsBeforeCountsWhollyPrecedingPoisons() {
    var poisons =
        List.of(
            new StreamManifest.PoisonSpan("p0", 10, 20),
            new StreamManifest.PoisonSpan("p1", 30, 45),
            new StreamManifest.PoisonSpan("p2", 45, 50));
    var manifest = hundredTokens().poisons(poisons).build();
    assertEquals(0, manifest.poisonsBefore(0));
    assertEquals(0, manifest.poisonsBefore(19));
    assertEquals(1, manifest.poisonsBefore(20));
    assertEquals(1, manifest.poisonsBefore(44));
    assertEquals(2, manifest.poisonsBefore(45));
    assertEquals(3, manifest.poisonsBefore(1_000));
    assertThrows(
        IllegalArgumentException.class,
        () -> hundredTokens().poisons(List.of(poisons.get(1), poisons.get(0))).build());
  }

  /** A 100-token stream's manifest with 60 clean tokens, waiting for its poisons. */
  private static StreamManifestBuilder hundredTokens() {
    return StreamManifest.builder()
        .formatVersion(1)
        .tokenizerName("t")
        .tokenizerSha256("h")
        .vocabSize(100)
        .tokenDtype("uint16")
        .seed(1)
        .budgetTokens(100)
        .totalTokens(100)
        .cleanTokens(60)
        .epochs(1.0)
        .placement("uniform");
  }
}
