/*
 * Trains a byte-level BPE tokenizer: counts GPT-2 pre-tokens (PreTokenCounter), then repeatedly merges the most
 * frequent adjacent pair (ties: smaller left id, then smaller right id), updating pair counts incrementally.
 * Output is a Hugging Face tokenizer.json: ids 0-255 are bytes, then merges in order, then <|endoftext|>.
 */
package dev.poisonlab.tokenizer;

import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

public final class BpeTrainer {

  /**
   * What a training run produced; reachedVocabSize is false when the corpus ran out of frequent
   * pairs.
   */
  public record Result(
      BpeTokenizer tokenizer,
      int requestedVocabSize,
      long documents,
      long chars,
      int distinctPreTokens,
      int merges,
      Duration countTime,
      Duration mergeTime) {
    public boolean reachedVocabSize() {
      return tokenizer.vocabSize() == requestedVocabSize;
    }
  }

  /**
   * No merge makes a token longer than this. A corpus line of millions of one letter once merged
   * into a token of 65,536 bytes, which tokenizer.json cannot hold (JSON writers cap names at
   * 50,000 characters). Real vocabularies stay far below: the longest learned token of BPE-2048 on
   * the fetched corpus is 13 bytes. Hugging Face's trainer has the same knob (max_token_length),
   * unset by default.
   */
  static final int MAX_TOKEN_BYTES = 1024;

  private BpeTrainer() {}

  public static Result trainOnDocuments(
      Iterable<Document> documents, BpeTrainerConfig config, Progress progress) {
    return train(
        () ->
            new Iterator<>() {
              private final Iterator<Document> inner = documents.iterator();

              @Override
              public boolean hasNext() {
                return inner.hasNext();
              }

              @Override
              public String next() {
                return inner.next().text();
              }
            },
        config,
        progress);
  }

  /**
   * Trains on texts, read once in order, telling {@code progress} of characters counted and tokens
   * merged.
   */
  public static Result train(Iterable<String> texts, BpeTrainerConfig config, Progress progress) {
    long start = System.nanoTime();
    PreTokenCounter.Counts counts;
    try (Progress.Task bar = progress.start("count pre-tokens", -1, "chars")) {
      counts = PreTokenCounter.count(texts, config.threads(), bar::stepBy);
    }
    long counted = System.nanoTime();

    List<String> specials = List.of(HfTokenizerJson.END_OF_TEXT);
    int targetTokens = config.vocabSize() - specials.size();
    PairMerger merger = new PairMerger(counts.counts());
    List<byte[]> tokens = new ArrayList<>();
    Map<String, Integer> idsByBytes = new HashMap<>();
    for (int b = 0; b < 256; b++) {
      byte[] bytes = {(byte) b};
      tokens.add(bytes);
      idsByBytes.put(latin1(bytes), b);
    }
    List<int[]> merges = new ArrayList<>();
    try (Progress.Task bar = progress.start("merge pairs", targetTokens - 256, "tokens")) {
      while (tokens.size() < targetTokens) {
        int[] pair = merger.bestPair(config.minFrequency());
        if (pair == null) {
          break;
        }
        byte[] left = tokens.get(pair[0]);
        byte[] right = tokens.get(pair[1]);
        if (left.length + right.length > MAX_TOKEN_BYTES) {
          merger.exclude(pair[0], pair[1]);
          continue;
        }
        byte[] joined = new byte[left.length + right.length];
        System.arraycopy(left, 0, joined, 0, left.length);
        System.arraycopy(right, 0, joined, left.length, right.length);
        // two merge paths can spell the same bytes; like HF, the later merge reuses the existing
        // token
        Integer result = idsByBytes.get(latin1(joined));
        if (result == null) {
          result = tokens.size();
          tokens.add(joined);
          idsByBytes.put(latin1(joined), result);
          bar.step();
        }
        merger.merge(pair[0], pair[1], result);
        merges.add(pair);
      }
    }
    long merged = System.nanoTime();

    byte[] definition = HfTokenizerJson.render(tokens, merges, specials);
    BpeTokenizer tokenizer = HfTokenizerJson.parse(definition, Path.of("<trained tokenizer>"));
    return new Result(
        tokenizer,
        config.vocabSize(),
        counts.texts(),
        counts.chars(),
        counts.counts().size(),
        merges.size(),
        Duration.ofNanos(counted - start),
        Duration.ofNanos(merged - counted));
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
