/*
 * How often each token id occurs in the clean part of a run's training stream: tokens.bin with the poison
 * spans of its manifest.json left out. Counted once per run and cached in the evaluation directory
 * (clean-token-counts.json, written atomically; reused while it names the same stream, size and poisons).
 * Not a tokenizer statistic over arbitrary text; the trigger table is TriggerTokens.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public final class CleanTokenCounts {
  public static final String CACHE_FILE = "clean-token-counts.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CleanTokenCounts() {}

  /**
   * The counts and what they were taken from; {@code counts[id]} for every id of the vocabulary.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Counts(
      String stream,
      long totalTokens,
      int poisons,
      int vocabSize,
      long cleanTokens,
      long[] counts) {
    boolean sameSource(Counts other) {
      return stream.equals(other.stream)
          && totalTokens == other.totalTokens
          && poisons == other.poisons
          && vocabSize == other.vocabSize;
    }
  }

  /**
   * The cached counts in {@code cacheDirectory} when they match the stream, else counted now and
   * cached.
   */
  public static Counts load(Path streamDirectory, Path cacheDirectory) {
    StreamManifest manifest = StreamDirectory.readManifest(streamDirectory);
    String stream = streamDirectory.toAbsolutePath().normalize().toString();
    Counts wanted =
        new Counts(
            stream,
            manifest.totalTokens(),
            manifest.poisons().size(),
            manifest.vocabSize(),
            0,
            new long[0]);
    Path cache = cacheDirectory.resolve(CACHE_FILE);
    if (Files.isRegularFile(cache)) {
      try {
        Counts cached = JSON.readValue(cache.toFile(), Counts.class);
        if (cached.sameSource(wanted) && cached.counts().length == manifest.vocabSize()) {
          return cached;
        }
      } catch (IOException e) {
        // a damaged cache is only a cache: count again and replace it
      }
    }
    Counts counted = count(streamDirectory, manifest, stream);
    AtomicFiles.write(cache, out -> JSON.writeValue(out, counted));
    return counted;
  }

  static Counts count(Path streamDirectory, StreamManifest manifest, String stream) {
    TokenFile tokens = StreamDirectory.openTokens(streamDirectory, manifest);
    if (tokens.length() != manifest.totalTokens()) {
      throw new IllegalArgumentException(
          tokens.path()
              + " holds "
              + tokens.length()
              + " tokens, its manifest says "
              + manifest.totalTokens());
    }
    long[] counts = new long[manifest.vocabSize()];
    long position = 0;
    for (StreamManifest.PoisonSpan span : manifest.poisons()) {
      countRange(tokens, position, Math.min(span.start(), tokens.length()), counts);
      position = Math.max(position, span.end());
    }
    countRange(tokens, position, tokens.length(), counts);
    long clean = Arrays.stream(counts).sum();
    return new Counts(
        stream,
        manifest.totalTokens(),
        manifest.poisons().size(),
        manifest.vocabSize(),
        clean,
        counts);
  }

  private static void countRange(TokenFile tokens, long start, long end, long[] counts) {
    for (long i = start; i < end; i++) {
      int id = tokens.get(i);
      if (id < 0 || id >= counts.length) {
        throw new IllegalArgumentException(
            tokens.path()
                + ": token "
                + i
                + " has id "
                + id
                + ", outside the "
                + "vocabulary of "
                + counts.length);
      }
      counts[id]++;
    }
  }
}
