/*
 * Writes the stream as a Megatron-LM / GPT-NeoX indexed dataset: PREFIX.bin holds the tokens (byte for byte
 * the same as tokens.bin, so it is a hard link when the file system allows) and PREFIX.idx the MMIDIDX index,
 * laid out as megatron/core/datasets/indexed_dataset.py's _IndexWriter does: header "MMIDIDX\0\0",
 * <Q version 1, <B dtype code (8 uint16, 4 int32), <Q sequence count, <Q document count, then int32 sequence
 * lengths, int64 byte pointers, int64 document indices [0, 1, .., n] (one sequence per document).
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

final class MegatronIndexWriter implements StreamSink {
  static final byte[] HEADER = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);
  static final String PREFIX = "megatron_text_document";

  private final LongList lengths = new LongList();

  @Override
  public void document(int[] tokens, int length, String id, boolean poison) {
    lengths.add(length);
  }

  static int dtypeCode(TokenFile.Dtype dtype) {
    return dtype == TokenFile.Dtype.UINT16 ? 8 : 4;
  }

  /** Writes DIR/PREFIX.idx and DIR/PREFIX.bin (a link to, or copy of, {@code tokensFile}). */
  void finish(Path directory, Path tokensFile, TokenFile.Dtype dtype) {
    Path bin = directory.resolve(PREFIX + ".bin");
    try {
      Files.deleteIfExists(bin);
      try {
        Files.createLink(bin, tokensFile);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(tokensFile, bin);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + bin + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(
        directory.resolve(PREFIX + ".idx"),
        raw -> {
          DataOutputStream out =
              new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
          int count = lengths.size();
          out.write(HEADER);
          writeLong(out, 1);
          out.writeByte(dtypeCode(dtype));
          writeLong(out, count);
          writeLong(out, count + 1L);
          for (int i = 0; i < count; i++) {
            writeInt(out, Math.toIntExact(lengths.get(i)));
          }
          long pointer = 0;
          for (int i = 0; i < count; i++) {
            writeLong(out, pointer);
            pointer += lengths.get(i) * dtype.bytes;
          }
          for (long i = 0; i <= count; i++) {
            writeLong(out, i);
          }
          out.flush();
        });
  }

  private static void writeLong(DataOutputStream out, long value) throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }

  private static void writeInt(DataOutputStream out, int value) throws IOException {
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
  }
}
