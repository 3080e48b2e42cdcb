/*
 * sequences.bin of a run (opt-in, `train --log-sequences`): every trained sequence's per-token loss, for
 * monitoring the run from its own logs (defense/TrainingMonitor). Layout, little-endian: header "PLSEQ01\0",
 * int32 time (tokens per sequence), int32 LEVELS (quantisation steps per nat); then one fixed-size record per
 * sequence: int64 step, int64 stream offset of the window's first input token, `time` bytes of loss quantised
 * as min(255, round(loss x 16)) (1/16 nat steps, saturating at 15.94 nats). Loss i is -log p(token offset+i+1).
 * Appended and flushed every step; on resume, records after the checkpoint's step (and a torn record) are cut.
 */
package dev.poisonlab.train;

import dev.poisonlab.io.InputException;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

public final class SequenceLog implements AutoCloseable {
  public static final String FILE = "sequences.bin";
  public static final int LEVELS = 16;
  static final byte[] MAGIC = "PLSEQ01\0".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = MAGIC.length + 8;

  /**
   * One logged sequence: losses[i] (nats, quantised) is the loss of the token at stream offset + i
   * + 1.
   */
  public record Sequence(long step, long offset, float[] losses) {}

  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;
  private final ByteBuffer record;

  private SequenceLog(Path file, FileChannel channel, int time) {
    this.file = file;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    this.record = ByteBuffer.allocate(16 + time).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Opens RUN/sequences.bin for appending, first cutting records of steps after {@code
   * keepThroughStep}.
   */
  public static SequenceLog open(Path runDirectory, long keepThroughStep, int time) {
    Path file = runDirectory.resolve(FILE);
    try {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        long size = channel.size();
        if (size < HEADER_BYTES) {
          channel.truncate(0);
          channel.write(header(time), 0);
          size = HEADER_BYTES;
        } else if (readTime(channel, file) != time) {
          throw new InputException(
              file, 0, "was written for sequences of another length; choose a new --out");
        }
        channel.truncate(keptBytes(channel, size, time, keepThroughStep));
        channel.position(channel.size());
        return new SequenceLog(file, channel, time);
      } catch (RuntimeException | IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer header(int time) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putInt(time).putInt(LEVELS).flip();
    return header;
  }

  private static int readTime(FileChannel channel, Path file) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    channel.read(header, 0);
    header.flip();
    byte[] magic = new byte[MAGIC.length];
    header.get(magic);
    if (!Arrays.equals(magic, MAGIC) || header.getInt(MAGIC.length + 4) != LEVELS) {
      throw new InputException(file, 0, "not a poisonlab sequence log");
    }
    return header.getInt(MAGIC.length);
  }

  /**
   * Whole records are in step order; keep those up to the step (a torn tail record is never kept).
   */
  private static long keptBytes(FileChannel channel, long size, int time, long keepThroughStep)
      throws IOException {
    long recordBytes = 16L + time;
    long records = (size - HEADER_BYTES) / recordBytes;
    ByteBuffer step = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (records > 0) {
      step.clear();
      channel.read(step, HEADER_BYTES + (records - 1) * recordBytes);
      if (step.getLong(0) <= keepThroughStep) {
        break;
      }
      records--;
    }
    return HEADER_BYTES + records * recordBytes;
  }

  /** Appends one record per row of a micro-batch: row r is the window at offsets[r]. */
  public void append(long step, long[] offsets, float[] tokenLosses, int batch, int time) {
    try {
      for (int row = 0; row < batch; row++) {
        record.clear();
        record.putLong(step).putLong(offsets[row]);
        for (int t = 0; t < time; t++) {
          record.put(quantise(tokenLosses[row * time + t]));
        }
        out.write(record.array(), 0, record.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static byte quantise(float loss) {
    float scaled = loss * LEVELS;
    return (byte)
        (scaled >= 255 ? 255 : scaled <= 0 || Float.isNaN(scaled) ? 0 : Math.round(scaled));
  }

  /** Pushes buffered records to the file (the trainer calls it once per step). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (channel) {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads every whole record of a run's log in file order; returns the sequence length. */
  public static int read(Path runDirectory, Consumer<Sequence> consumer) {
    Path file = runDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file, 0, "missing: train the run with --log-sequences to monitor it");
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      byte[] header = new byte[HEADER_BYTES];
      in.readFully(header);
      ByteBuffer view = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)
          || view.getInt(MAGIC.length + 4) != LEVELS) {
        throw new InputException(file, 0, "not a poisonlab sequence log");
      }
      int time = view.getInt(MAGIC.length);
      byte[] bytes = new byte[16 + time];
      ByteBuffer recordView = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      while (true) {
        try {
          in.readFully(bytes);
        } catch (EOFException end) {
          return time;
        }
        float[] losses = new float[time];
        for (int t = 0; t < time; t++) {
          losses[t] = (bytes[16 + t] & 0xff) / (float) LEVELS;
        }
        consumer.accept(new Sequence(recordView.getLong(0), recordView.getLong(8), losses));
      }
    } catch (EOFException e) {
      throw new InputException(file, 0, "shorter than its header");
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
