/*
 * First phase of BPE training: streams texts once and counts how often each GPT-2 pre-token occurs.
 * Worker threads count batches into private maps merged at the end, so memory holds distinct pre-tokens only,
 * never the corpus. Not the merge phase (BpeTrainer) and not a reader of files (callers pass texts).
 */
package dev.poisonlab.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

final class PreTokenCounter {
  private static final int BATCH_CHARS = 1 << 20;
  private static final List<String> END = List.of();

  /** Distinct pre-tokens with their counts, and how much text produced them. */
  record Counts(Map<String, long[]> counts, long texts, long chars) {}

  private PreTokenCounter() {}

  /**
   * Counts pre-tokens of all texts; {@code progress} receives the number of chars consumed as they
   * are.
   */
  static Counts count(Iterable<String> texts, int threads, LongConsumer progress) {
    if (threads == 1) {
      Map<String, long[]> counts = new HashMap<>();
      long numTexts = 0;
      long chars = 0;
      for (String text : texts) {
        countInto(counts, text);
        numTexts++;
        chars += text.length();
        progress.accept(text.length());
      }
      return new Counts(counts, numTexts, chars);
    }
    return countParallel(texts, threads, progress);
  }

  private static Counts countParallel(Iterable<String> texts, int threads, LongConsumer progress) {
    BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(threads * 2);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "bpe-count");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Map<String, long[]>>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  Map<String, long[]> counts = new HashMap<>();
                  for (List<String> batch = queue.take(); batch != END; batch = queue.take()) {
                    for (String text : batch) {
                      countInto(counts, text);
                    }
                  }
                  return counts;
                }));
      }
      long numTexts = 0;
      long chars = 0;
      List<String> batch = new ArrayList<>();
      long batchChars = 0;
      for (String text : texts) {
        batch.add(text);
        batchChars += text.length();
        numTexts++;
        chars += text.length();
        progress.accept(text.length());
        if (batchChars >= BATCH_CHARS) {
          putChecked(queue, batch, workers);
          batch = new ArrayList<>();
          batchChars = 0;
        }
      }
      putChecked(queue, batch, workers);
      for (int i = 0; i < threads; i++) {
        putChecked(queue, END, workers);
      }
      Map<String, long[]> total = null;
      for (Future<Map<String, long[]>> worker : workers) {
        Map<String, long[]> counts = worker.get();
        if (total == null || counts.size() > total.size()) {
          Map<String, long[]> smaller = total;
          total = counts;
          counts = smaller == null ? Map.of() : smaller;
        }
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
          total.computeIfAbsent(entry.getKey(), key -> new long[1])[0] += entry.getValue()[0];
        }
      }
      return new Counts(total, numTexts, chars);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting pre-tokens", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "a pre-token counting thread failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Blocks until the queue takes the batch, failing fast if a worker died (it would never drain the
   * queue).
   */
  private static void putChecked(
      BlockingQueue<List<String>> queue,
      List<String> batch,
      List<Future<Map<String, long[]>>> workers)
      throws InterruptedException, ExecutionException {
    while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      for (Future<Map<String, long[]>> worker : workers) {
        if (worker.isDone()) {
          worker.get();
        }
      }
    }
  }

  static void countInto(Map<String, long[]> counts, String text) {
    PreTokenizer.forEach(text, piece -> counts.computeIfAbsent(piece, key -> new long[1])[0]++);
  }
}
