/*
 * The header of a safetensors file, read and checked before any tensor data is: the 8-byte little-endian
 * length, the JSON table of tensors (dtype, shape, data offsets) and the file's size. Anything malformed (a
 * 2^62 length, bad JSON, offsets past the end, a truncated file) is one InputException naming the file.
 * Not a decoder: SafeTensors hands the checked file to DJL for the tensor data.
 */
package dev.poisonlab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class SafeTensorsHeader {
  /**
   * Headers beyond this are not ours (a large model's header is tens of kilobytes): refuse, do not
   * allocate.
   */
  public static final long MAX_HEADER_BYTES = 100L << 20;

  private static final String METADATA_KEY = "__metadata__";
  private static final Map<String, Integer> DTYPE_BYTES =
      Map.ofEntries(
          Map.entry("F64", 8),
          Map.entry("F32", 4),
          Map.entry("F16", 2),
          Map.entry("BF16", 2),
          Map.entry("I64", 8),
          Map.entry("I32", 4),
          Map.entry("I16", 2),
          Map.entry("I8", 1),
          Map.entry("U8", 1),
          Map.entry("BOOL", 1));
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One tensor's entry: shape and its byte range within the data section. */
  public record Tensor(String dtype, List<Long> shape, long begin, long end) {}

  private SafeTensorsHeader() {}

  /**
   * The tensors of {@code file} by name, in header order; throws InputException naming the file if
   * malformed.
   */
  public static Map<String, Tensor> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file, in, Files.size(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, "missing");
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a header from {@code in}, a stream over a file of {@code fileSize} bytes named {@code
   * file}.
   */
  public static Map<String, Tensor> parse(Path file, InputStream in, long fileSize)
      throws IOException {
    byte[] lengthBytes = in.readNBytes(8);
    if (lengthBytes.length < 8) {
      throw malformed(file, "shorter than the 8-byte header length (truncated?)");
    }
    long headerLength = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
      throw malformed(
          file,
          "header length "
              + Long.toUnsignedString(headerLength)
              + " does not fit a file of "
              + fileSize
              + " bytes");
    }
    byte[] header = in.readNBytes((int) headerLength);
    if (header.length < headerLength) {
      throw malformed(file, "header truncated");
    }
    return tensors(file, header, fileSize - 8 - headerLength);
  }

  private static Map<String, Tensor> tensors(Path file, byte[] header, long dataBytes) {
    JsonNode root;
    try {
      root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw malformed(file, "header is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed(file, "header is not a JSON object");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getKey().equals(METADATA_KEY)) {
        tensors.put(entry.getKey(), tensor(file, entry.getKey(), entry.getValue(), dataBytes));
      }
    }
    requireTiling(file, tensors, dataBytes);
    return tensors;
  }

  /**
   * The tensors' byte ranges must tile the data section exactly: no gap, no overlap, nothing after
   * the last.
   */
  private static void requireTiling(Path file, Map<String, Tensor> tensors, long dataBytes) {
    long next = 0;
    for (Tensor tensor :
        tensors.values().stream()
            .sorted(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end))
            .toList()) {
      if (tensor.begin() != next) {
        throw malformed(
            file,
            "tensor data "
                + (tensor.begin() < next ? "overlaps" : "has a gap")
                + " at byte "
                + Math.min(next, tensor.begin()));
      }
      next = tensor.end();
    }
    if (next != dataBytes) {
      throw malformed(
          file,
          "tensors cover " + next + " of " + dataBytes + " data bytes (truncated or padded?)");
    }
  }

  private static Tensor tensor(Path file, String name, JsonNode node, long dataBytes) {
    String where = "tensor '" + name + "'";
    if (!node.isObject()) {
      throw malformed(file, where + " is not an object");
    }
    JsonNode dtype = node.get("dtype");
    if (dtype == null || !dtype.isTextual() || !DTYPE_BYTES.containsKey(dtype.asText())) {
      throw malformed(file, where + " has no known dtype");
    }
    List<Long> shape = longs(file, where + " shape", node.get("shape"), -1);
    List<Long> offsets = longs(file, where + " data_offsets", node.get("data_offsets"), 2);
    long begin = offsets.get(0);
    long end = offsets.get(1);
    if (begin > end || end > dataBytes) {
      throw malformed(
          file,
          where
              + " data_offsets ["
              + begin
              + ", "
              + end
              + "] lie outside the "
              + dataBytes
              + " data bytes (truncated?)");
    }
    long bytes = DTYPE_BYTES.get(dtype.asText());
    for (long dimension : shape) {
      bytes =
          dimension == 0 ? 0 : bytes > dataBytes / dimension ? Long.MAX_VALUE : bytes * dimension;
    }
    if (bytes != end - begin) {
      throw malformed(
          file,
          where
              + " of shape "
              + shape
              + " needs "
              + (bytes == Long.MAX_VALUE ? "more" : bytes)
              + " bytes but data_offsets give "
              + (end - begin));
    }
    return new Tensor(dtype.asText(), List.copyOf(shape), begin, end);
  }

  /** Non-negative integers of a JSON array; {@code count} >= 0 demands that many. */
  private static List<Long> longs(Path file, String what, JsonNode node, int count) {
    if (node == null || !node.isArray() || (count >= 0 && node.size() != count)) {
      throw malformed(
          file, what + " is not an array" + (count >= 0 ? " of " + count + " integers" : ""));
    }
    List<Long> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
        throw malformed(file, what + " holds " + value + ", not a non-negative integer");
      }
      values.add(value.asLong());
    }
    return values;
  }

  private static InputException malformed(Path file, String problem) {
    return new InputException(file, 0, "malformed safetensors: " + problem);
  }
}
