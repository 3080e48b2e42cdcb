/*
 * The safetensors header check: a file SafeTensors wrote parses to its reference shapes and offsets, and each
 * malformation (huge or short length, bad JSON, offsets past the data, a size unlike the shape, truncation)
 * is an InputException naming the file, raised before a target array is touched.
 */
package dev.poisonlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.poisonlab.io.InputException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTensorsHeaderTest {
  @TempDir Path dir;

  /** A 2x3 tensor "a" (0..5) and a 4-vector "b" (ones), as SafeTensors writes them. */
  private Path written(NDManager manager) throws Exception {
    Map<String, NDArray> named = new LinkedHashMap<>();
    named.put("a", manager.arange(6f).reshape(2, 3));
    named.put("b", manager.ones(new Shape(4)));
    Path file = dir.resolve("t.safetensors");
    try (OutputStream out = Files.newOutputStream(file)) {
      SafeTensors.write(out, named);
    }
    return file;
  }

  static byte[] withHeader(long length, String json, int dataBytes) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + header.length + dataBytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(length)
        .put(header)
        .array();
  }

  @Test
  void aWrittenFileParsesToItsShapesAndOffsets() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, SafeTensorsHeader.Tensor> tensors = SafeTensorsHeader.read(written(manager));
      assertEquals(List.of(2L, 3L), tensors.get("a").shape());
      assertEquals(List.of(4L), tensors.get("b").shape());
      assertEquals(24, tensors.get("a").end() - tensors.get("a").begin());
      assertEquals(16, tensors.get("b").end() - tensors.get("b").begin());
      assertEquals("F32", tensors.get("a").dtype());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "huge length",
        "zero length",
        "short",
        "bad json",
        "array",
        "past the end",
        "size unlike shape",
        "unknown dtype",
        "string shape",
        "uncovered data",
        "overlap"
      })
  void malformedHeadersNameTheFile(String kind) throws Exception {
    String ok = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    byte[] bytes =
        switch (kind) {
          case "huge length" -> withHeader(1L << 62, ok, 8);
          case "zero length" -> withHeader(0, ok, 8);
          case "short" -> new byte[] {1, 2, 3};
          case "bad json" -> withHeader(12, "{\"x\": [1, 2,", 8);
          case "array" -> withHeader(2, "[]", 0);
          case "past the end" -> withHeader(ok.length(), ok, 4);
          case "size unlike shape" -> withHeader(ok.length(), ok.replace("[2]", "[3]"), 8);
          case "unknown dtype" -> withHeader(ok.length(), ok.replace("F32", "Q99"), 8);
          case "string shape" -> withHeader(ok.length() + 2, ok.replace("[2]", "[\"2\"]"), 8);
          case "uncovered data" -> withHeader(ok.length(), ok, 12);
          case "overlap" -> {
            String two =
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}"; // 16
            // bytes
            // covered
            // of 12
            yield withHeader(two.length(), two, 12);
          }
          default -> throw new AssertionError(kind);
        };
    Path file = dir.resolve(kind.replace(' ', '-') + ".safetensors");
    Files.write(file, bytes);
    InputException error =
        assertThrows(InputException.class, () -> SafeTensorsHeader.read(file), kind);
    assertEquals(file, error.file());
    assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
  }

  @Test
  void aTruncatedFileFailsBeforeAnyTargetChanges() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = written(manager);
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
      Map<String, NDArray> targets = new LinkedHashMap<>();
      targets.put("a", manager.zeros(new Shape(2, 3)));
      targets.put("b", manager.zeros(new Shape(4)));
      InputException error =
          assertThrows(InputException.class, () -> SafeTensors.readInto(file, targets, manager));
      assertTrue(error.getMessage().contains("truncated"), error.getMessage());
      assertArrayEquals(new float[6], targets.get("a").toFloatArray(), 0f);
      // negative control: the intact file loads the reference values
      Files.write(file, bytes);
      SafeTensors.readInto(file, targets, manager);
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, targets.get("a").toFloatArray(), 0f);
    }
  }
}
