/*
 * A flat file of token ids, nanoGPT's .bin layout: little-endian uint16 when the vocabulary fits
 * (ids < 65536), else little-endian int32. Read through a memory map, so streams larger than the heap work.
 * Not a document store: document boundaries live in the stream's manifest and <|endoftext|> tokens.
 */
package dev.poisonlab.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public final class TokenFile {

  /** Element type of a token file, chosen by vocabulary size. */
  public enum Dtype {
    UINT16(2),
    INT32(4);

    public final int bytes;

    Dtype(int bytes) {
      this.bytes = bytes;
    }

    public static Dtype forVocabSize(int vocabSize) {
      return vocabSize <= 65536 ? UINT16 : INT32;
    }

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The dtype named {@code name} ("uint16", "int32"); IllegalArgumentException for anything else,
     * null too.
     */
    public static Dtype fromJsonName(String name) {
      if (name == null) {
        throw new IllegalArgumentException("token dtype is missing");
      }
      try {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown token dtype '" + name + "'", e);
      }
    }
  }

  private final Path path;
  private final Dtype dtype;
  private final long length;
  private final MappedByteBuffer[] chunks;
  // Each chunk maps at most this many tokens, so files past 2 GiB still map.
  private static final long CHUNK_BYTES = 1L << 30;

  private TokenFile(Path path, Dtype dtype, long length, MappedByteBuffer[] chunks) {
    this.path = path;
    this.dtype = dtype;
    this.length = length;
    this.chunks = chunks;
  }

  public static TokenFile open(Path path, Dtype dtype) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size % dtype.bytes != 0) {
        throw new IllegalArgumentException(
            path
                + ": size "
                + size
                + " is not a multiple of "
                + dtype.bytes
                + " ("
                + dtype.jsonName()
                + ")");
      }
      int numChunks = (int) ((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
      MappedByteBuffer[] chunks = new MappedByteBuffer[numChunks];
      for (int i = 0; i < numChunks; i++) {
        long start = i * CHUNK_BYTES;
        chunks[i] =
            channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(CHUNK_BYTES, size - start));
        chunks[i].order(ByteOrder.LITTLE_ENDIAN);
      }
      return new TokenFile(path, dtype, size / dtype.bytes, chunks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open token file " + path + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public Dtype dtype() {
    return dtype;
  }

  /** Number of tokens in the file. */
  public long length() {
    return length;
  }

  public int get(long index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("token " + index + " of " + length + " in " + path);
    }
    long byteOffset = index * dtype.bytes;
    MappedByteBuffer chunk = chunks[(int) (byteOffset / CHUNK_BYTES)];
    int within = (int) (byteOffset % CHUNK_BYTES);
    return dtype == Dtype.UINT16
        ? Short.toUnsignedInt(chunk.getShort(within))
        : chunk.getInt(within);
  }

  /** Copies tokens [start, start + count) into {@code target} at {@code targetOffset}. */
  public void read(long start, int[] target, int targetOffset, int count) {
    for (int i = 0; i < count; i++) {
      target[targetOffset + i] = get(start + i);
    }
  }
}
