/*
 * Fuzzing safetensors headers: 10,000 files made from a valid one by editing its header JSON (length kept
 * right), by flipping, replacing or cutting bytes anywhere (length field included), or with a random length.
 * Each parses to tensors that exactly tile the data section, or fails with an InputException naming the file.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.fuzz.Mutations;
import dev.poisonlab.io.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SafeTensorsHeaderFuzzTest {
  private static final Path FILE = Path.of("checkpoints", "step-00000001", "model.safetensors");
  private static final String HEADER =
      "{\"__metadata__\":{\"format\":\"pt\"},"
          + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
          + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[24,40]}}";
  private static final int DATA = 40;

  static byte[] file(long length, byte[] header) {
    return ByteBuffer.allocate(8 + header.length + DATA)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(length)
        .put(header)
        .array();
  }

  static byte[] valid() {
    byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
    return file(header.length, header);
  }

  @Provide
  Arbitrary<byte[]> files() {
    Arbitrary<byte[]> editedHeader =
        Arbitraries.randoms()
            .map(
                random -> {
                  byte[] header = Mutations.mutate(HEADER, random).getBytes(StandardCharsets.UTF_8);
                  return file(header.length, header);
                });
    Arbitrary<byte[]> editedBytes =
        Arbitraries.randoms().map(random -> Mutations.mutate(valid(), random));
    Arbitrary<byte[]> randomLength =
        Arbitraries.longs().map(length -> file(length, HEADER.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(editedHeader, editedBytes, randomLength);
  }

  @Property(tries = 10_000)
  void parsesToATilingOrNamesTheFile(@ForAll("files") byte[] bytes) throws IOException {
    Map<String, SafeTensorsHeader.Tensor> tensors;
    try {
      tensors = SafeTensorsHeader.parse(FILE, new ByteArrayInputStream(bytes), bytes.length);
    } catch (InputException e) {
      assertEquals(FILE, e.file(), e.getMessage());
      assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
      return;
    }
    long dataBytes =
        bytes.length - 8 - ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    long next =
        0; // reference check of the invariant: sorted by start, the ranges tile [0, dataBytes)
    for (SafeTensorsHeader.Tensor t :
        tensors.values().stream()
            .sorted(java.util.Comparator.comparingLong(SafeTensorsHeader.Tensor::begin))
            .toList()) {
      assertEquals(next, t.begin(), tensors.toString());
      next = t.end();
    }
    assertEquals(dataBytes, next);
  }

  @Example
  void theValidFileParses() throws IOException {
    byte[] bytes = valid();
    assertEquals(
        Map.of(
            "a",
            new SafeTensorsHeader.Tensor("F32", java.util.List.of(2L, 3L), 0, 24),
            "b",
            new SafeTensorsHeader.Tensor("F32", java.util.List.of(4L), 24, 40)),
        SafeTensorsHeader.parse(FILE, new ByteArrayInputStream(bytes), bytes.length));
  }
}
