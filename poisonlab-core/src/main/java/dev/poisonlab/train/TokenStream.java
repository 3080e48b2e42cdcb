/*
 * Reads a training stream directory (manifest.json + tokens.bin) strictly in order: batch b of step s is
 * the next B windows of T+1 tokens, so the number of poisons seen after any step is exact. At the end of
 * the file it wraps to offset 0 (a new epoch), dropping the tail shorter than one window. No shuffling,
 * no tokenizer: ids are validated against the manifest's vocab_size as they are read.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class TokenStream implements BatchSource {
  private final Path directory;
  private final StreamManifest manifest;
  private final TokenFile tokens;
  private DataPosition position = DataPosition.START;
  private long[] rowOffsets = new long[0];

  private TokenStream(Path directory, StreamManifest manifest, TokenFile tokens) {
    this.directory = directory;
    this.manifest = manifest;
    this.tokens = tokens;
  }

  /**
   * Where reading continues: token offset in tokens.bin, completed epochs, poisons of those epochs.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DataPosition(long offset, long epoch, long poisonsInEarlierEpochs) {
    public static final DataPosition START = new DataPosition(0, 0, 0);
  }

  /** Opens and checks a stream directory; every problem is an InputException naming the file. */
  public static TokenStream open(Path directory) {
    StreamManifest manifest = readManifest(directory);
    Path tokenPath = directory.resolve(StreamManifest.TOKENS_FILE);
    if (!Files.isRegularFile(tokenPath)) {
      throw new InputException(tokenPath, 0, "missing: not a training stream directory");
    }
    TokenFile tokens;
    try {
      tokens = TokenFile.open(tokenPath, manifest.dtype());
    } catch (IllegalArgumentException e) {
      throw new InputException(tokenPath, 0, e.getMessage(), e);
    }
    if (tokens.length() != manifest.totalTokens()) {
      throw new InputException(
          tokenPath,
          0,
          "holds "
              + tokens.length()
              + " tokens but "
              + StreamManifest.MANIFEST_FILE
              + " says total_tokens "
              + manifest.totalTokens());
    }
    return new TokenStream(directory, manifest, tokens);
  }

  private static final ObjectMapper MANIFEST_JSON = new ObjectMapper();

  public static StreamManifest readManifest(Path directory) {
    Path file = directory.resolve(StreamManifest.MANIFEST_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(file, 0, "missing: not a training stream directory");
    }
    try {
      return parseManifest(file, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses and checks manifest {@code file}'s bytes; any problem is one InputException naming it.
   */
  static StreamManifest parseManifest(Path file, byte[] json) {
    try {
      StreamManifest manifest = MANIFEST_JSON.readValue(json, StreamManifest.class);
      if (manifest == null) {
        throw new InputException(file, 0, "bad manifest: expected a JSON object, got null");
      }
      manifest
          .dtype(); // an unknown or missing token_dtype is this file's problem, not tokens.bin's
      return manifest;
    } catch (IllegalArgumentException e) {
      throw new InputException(file, 0, "bad manifest: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, "bad manifest: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Fails unless the stream holds at least one window of {@code time}+1 tokens. */
  public void requireWindow(int time) {
    if (tokens.length() < time + 1L) {
      throw new InputException(
          tokens.path(),
          0,
          "holds " + tokens.length() + " tokens; one training sequence needs " + (time + 1));
    }
  }

  /**
   * Fills inputs and targets (batch x time, row-major) with the next {@code batch} windows; targets
   * are inputs shifted by one token. Advances the position by batch x time tokens.
   */
  @Override
  public void next(int batch, int time, int[] inputs, int[] targets) {
    int[] window = new int[time + 1];
    if (rowOffsets.length != batch) {
      rowOffsets = new long[batch];
    }
    for (int row = 0; row < batch; row++) {
      if (position.offset() + time + 1 > tokens.length()) {
        position = new DataPosition(0, position.epoch() + 1, poisonsSeen());
      }
      rowOffsets[row] = position.offset();
      tokens.read(position.offset(), window, 0, time + 1);
      for (int i = 0; i <= time; i++) {
        if (window[i] >= manifest.vocabSize()) {
          throw new InputException(
              tokens.path(),
              0,
              "token id "
                  + window[i]
                  + " at offset "
                  + (position.offset() + i)
                  + " is not below vocab_size "
                  + manifest.vocabSize());
        }
      }
      System.arraycopy(window, 0, inputs, row * time, time);
      System.arraycopy(window, 1, targets, row * time, time);
      position =
          new DataPosition(
              position.offset() + time, position.epoch(), position.poisonsInEarlierEpochs());
    }
  }

  /**
   * Poisons every token of which has been trained on so far, over all epochs. The last window read
   * ends with target token {@code offset}, so this epoch has consumed tokens [0, offset + 1).
   */
  public long poisonsSeen() {
    long consumed = position.offset() == 0 ? 0 : position.offset() + 1;
    return position.poisonsInEarlierEpochs() + manifest.poisonsBefore(consumed);
  }

  /**
   * Token offset in tokens.bin of each window of the last batch read (after an epoch wrap, from 0
   * again).
   */
  public long[] lastRowOffsets() {
    return rowOffsets.clone();
  }

  public DataPosition position() {
    return position;
  }

  public void seek(DataPosition newPosition) {
    if (newPosition.offset() < 0 || newPosition.offset() > tokens.length()) {
      throw new IllegalArgumentException(
          "data offset " + newPosition.offset() + " outside the stream");
    }
    position = newPosition;
  }

  /** The data budget the stream was built for (Chinchilla tokens), else its length. */
  public long budgetTokens() {
    return manifest.budgetTokens() > 0 ? manifest.budgetTokens() : manifest.totalTokens();
  }

  public StreamManifest manifest() {
    return manifest;
  }

  public Path directory() {
    return directory;
  }
}
