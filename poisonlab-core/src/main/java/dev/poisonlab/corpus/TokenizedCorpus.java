/*
 * Pass 1 of a stream build: reads the clean corpus once, tokenizes documents in parallel (results kept in
 * reading order) and spills their tokens to a cache token file, keeping only one offset per document in
 * memory (plus, only when a sink asks for them, the documents' ids). So corpora larger than the heap work;
 * the cache needs disk space equal to the tokens' size.
 * Not the stream: documents here are in corpus order, without separators.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

final class TokenizedCorpus {
  // Documents are tokenized in batches of about this many characters: big enough to amortise task
  // overhead.
  private static final int BATCH_CHARS = 1 << 20;

  private final TokenFile tokens;
  private final LongList offsets;
  private final BitSet poisonSources;
  private final List<String> ids;
  private final BitSet dropped;

  private TokenizedCorpus(
      TokenFile tokens, LongList offsets, BitSet poisonSources, List<String> ids, BitSet dropped) {
    this.tokens = tokens;
    this.offsets = offsets;
    this.poisonSources = poisonSources;
    this.ids = ids;
    this.dropped = dropped;
  }

  /**
   * Tokenizes every document of {@code paths} into {@code cacheFile}; marks those whose id is a
   * poison source and those a defence dropped (still tokenized: they keep their place for the
   * held-out choice). With {@code keepIds} the document ids stay in memory (a Parquet stream names
   * every row's document).
   */
  static TokenizedCorpus build(
      List<Path> paths,
      ReadOptions options,
      Tokenizer tokenizer,
      Set<String> poisonSourceIds,
      Set<String> droppedIds,
      Path cacheFile,
      int threads,
      boolean keepIds,
      Progress.Task progress) {
    TokenFile.Dtype dtype = TokenFile.Dtype.forVocabSize(tokenizer.vocabSize());
    LongList offsets = new LongList();
    offsets.add(0);
    BitSet poisonSources = new BitSet();
    List<String> ids = keepIds ? new ArrayList<>() : null;
    BitSet dropped = new BitSet();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "poisonlab-tokenize");
              thread.setDaemon(true);
              return thread;
            });
    try (CorpusReader reader = CorpusReader.open(paths, options);
        TokenFileWriter cache = new TokenFileWriter(cacheFile, dtype)) {
      ArrayDeque<Future<int[][]>> inFlight = new ArrayDeque<>();
      List<String> batch = new ArrayList<>();
      long batchChars = 0;
      int index = 0;
      for (Document document : reader) {
        if (poisonSourceIds.contains(document.id())) {
          poisonSources.set(index);
        }
        if (droppedIds.contains(document.id())) {
          dropped.set(index);
        }
        index++;
        if (ids != null) {
          ids.add(document.id());
        }
        batch.add(document.text());
        batchChars += document.text().length();
        if (batchChars >= BATCH_CHARS) {
          inFlight.add(pool.submit(encodeAll(tokenizer, batch)));
          batch = new ArrayList<>();
          batchChars = 0;
          // bounded look-ahead: memory stays at a few batches however large the corpus is
          while (inFlight.size() > 2 * threads) {
            append(inFlight.poll(), cache, offsets, progress);
          }
        }
      }
      inFlight.add(pool.submit(encodeAll(tokenizer, batch)));
      while (!inFlight.isEmpty()) {
        append(inFlight.poll(), cache, offsets, progress);
      }
      cache.commit();
    } finally {
      pool.shutdownNow();
    }
    return new TokenizedCorpus(
        TokenFile.open(cacheFile, dtype), offsets, poisonSources, ids, dropped);
  }

  private static java.util.concurrent.Callable<int[][]> encodeAll(
      Tokenizer tokenizer, List<String> texts) {
    return () -> texts.stream().map(tokenizer::encode).toArray(int[][]::new);
  }

  private static void append(
      Future<int[][]> future, TokenFileWriter cache, LongList offsets, Progress.Task progress) {
    int[][] documents;
    try {
      documents = future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tokenizing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
    for (int[] document : documents) {
      cache.write(document);
      offsets.add(cache.count());
    }
    progress.stepBy(documents.length);
  }

  int documentCount() {
    return offsets.size() - 1;
  }

  /** Number of tokens of document {@code index} (no separator). */
  int length(int index) {
    return (int) (offsets.get(index + 1) - offsets.get(index));
  }

  /** The id of document {@code index}, or null when ids were not kept. */
  String id(int index) {
    return ids == null ? null : ids.get(index);
  }

  boolean isPoisonSource(int index) {
    return poisonSources.get(index);
  }

  boolean isDropped(int index) {
    return dropped.get(index);
  }

  /**
   * Copies the tokens of document {@code index}, the first {@code count} of them, into {@code
   * target}.
   */
  void read(int index, int[] target, int count) {
    tokens.read(offsets.get(index), target, 0, count);
  }
}
