/*
 * safetensors files in plain Java, for interchange with other tools (Hugging Face exports and imports): an
 * 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} padded with spaces to
 * a multiple of 8 bytes as the reference writer does, then the raw little-endian data. Reads F32, F16 and BF16
 * into float arrays; writes F32. Checkpoints use SafeTensors (DJL's encoder) instead, which reads into NDArrays.
 */
package dev.poisonlab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

public final class SafeTensorsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  private SafeTensorsFile() {}

  /**
   * A tensor's entry in the header: dtype (F32, F16, ...), shape, and byte range [begin, end) after
   * the header.
   */
  public record Entry(String dtype, long[] shape, long begin, long end) {
    public long elements() {
      long n = 1;
      for (long dim : shape) {
        n *= dim;
      }
      return n;
    }
  }

  /** A float tensor, row-major. */
  public record Tensor(long[] shape, float[] data) {
    public Tensor {
      long n = 1;
      for (long dim : shape) {
        n *= dim;
      }
      if (n != data.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
      }
    }
  }

  /**
   * The header's entries in file order (the optional __metadata__ entry left out); problems name
   * the file.
   */
  public static Map<String, Entry> readHeader(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return header(file, channel).entries;
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read safetensors: " + e.getMessage(), e);
    }
  }

  /** Every tensor as floats, in header order. */
  public static Map<String, Tensor> read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header header = header(file, channel);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Entry> named : header.entries.entrySet()) {
        Entry entry = named.getValue();
        ByteBuffer bytes =
            ByteBuffer.allocate(Math.toIntExact(entry.end() - entry.begin()))
                .order(ByteOrder.LITTLE_ENDIAN);
        long position = header.dataStart + entry.begin();
        while (bytes.hasRemaining()) {
          if (channel.read(bytes, position + bytes.position()) < 0) {
            throw new InputException(file, 0, "truncated in tensor '" + named.getKey() + "'");
          }
        }
        bytes.flip();
        tensors.put(named.getKey(), new Tensor(entry.shape(), decode(bytes, entry)));
      }
      return tensors;
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read safetensors: " + e.getMessage(), e);
    }
  }

  private static float[] decode(ByteBuffer bytes, Entry entry) {
    float[] values = new float[Math.toIntExact(entry.elements())];
    switch (entry.dtype()) {
      case "F32" -> bytes.asFloatBuffer().get(values);
      case "BF16" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.intBitsToFloat((bytes.getShort() & 0xFFFF) << 16);
        }
      }
      default -> { // F16
        for (int i = 0; i < values.length; i++) {
          values[i] = halfToFloat(bytes.getShort());
        }
      }
    }
    return values;
  }

  static float halfToFloat(short half) {
    int bits = half & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f; // subnormal (or zero)
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  private record Header(Map<String, Entry> entries, long dataStart) {}

  private static Header header(Path file, FileChannel channel) throws IOException {
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    if (channel.read(length, 0) != 8) {
      throw new InputException(file, 0, "not a safetensors file (shorter than 8 bytes)");
    }
    long headerLength = length.getLong(0);
    if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > channel.size()) {
      throw new InputException(
          file, 0, "not a safetensors file (header length " + headerLength + ")");
    }
    ByteBuffer text = ByteBuffer.allocate((int) headerLength);
    while (text.hasRemaining() && channel.read(text, 8 + text.position()) > 0) {
      // read the whole header
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(text.array(), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new InputException(file, 0, "safetensors header is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file, 0, "safetensors header is not a JSON object");
    }
    long dataLength = channel.size() - 8 - headerLength;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode node = field.getValue();
      String dtype = node.path("dtype").asText();
      int width =
          switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default ->
                throw new InputException(
                    file,
                    0,
                    "tensor '"
                        + field.getKey()
                        + "' has dtype '"
                        + dtype
                        + "'; only F32, F16 and BF16 are read");
          };
      long[] shape = new long[node.path("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = node.path("shape").get(i).asLong();
      }
      JsonNode offsets = node.path("data_offsets");
      Entry entry = new Entry(dtype, shape, offsets.path(0).asLong(-1), offsets.path(1).asLong(-1));
      if (entry.begin() < 0
          || entry.end() > dataLength
          || entry.end() - entry.begin() != entry.elements() * width) {
        throw new InputException(
            file,
            0,
            "tensor '"
                + field.getKey()
                + "' has bad data_offsets "
                + offsets
                + " for shape "
                + Arrays.toString(shape)
                + " "
                + dtype);
      }
      entries.put(field.getKey(), entry);
    }
    return new Header(entries, 8 + headerLength);
  }

  /**
   * Writes F32 tensors in map order, atomically, with the header padded by spaces to a multiple of
   * 8 bytes.
   */
  public static void write(Path target, Map<String, Tensor> tensors) {
    ObjectNode root = JSON.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, Tensor> named : tensors.entrySet()) {
      ObjectNode node = root.putObject(named.getKey());
      node.put("dtype", "F32");
      var shape = node.putArray("shape");
      for (long dim : named.getValue().shape()) {
        shape.add(dim);
      }
      long size = 4L * named.getValue().data().length;
      node.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] header = Arrays.copyOf(json, padded);
    Arrays.fill(header, json.length, padded, (byte) ' ');
    AtomicFiles.write(
        target,
        out -> {
          ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
          out.write(length.array());
          out.write(header);
          for (Tensor tensor : tensors.values()) {
            ByteBuffer data =
                ByteBuffer.allocate(4 * tensor.data().length).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(tensor.data());
            out.write(data.array());
          }
        });
  }
}
