/*
 * The merge phase of BPE training over a table of distinct pre-tokens ("words") with their counts: pair counts,
 * which words hold each pair, and a lazily refreshed max-heap that picks the next merge deterministically.
 * Each merge rewrites only the words holding the pair and adjusts neighbouring pair counts by the difference.
 */
package dev.poisonlab.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

final class PairMerger {
  /**
   * A candidate merge as queued; its count may be stale (higher than now) and is re-checked on
   * polling.
   */
  private record Candidate(long count, int left, int right) {}

  /**
   * Current count of one pair and the words that held it when it was last incremented (may be
   * stale).
   */
  private static final class PairStats {
    long count;
    int[] words = new int[4];
    int size;

    void addWord(int word) {
      if (size > 0 && words[size - 1] == word) {
        return;
      }
      if (size == words.length) {
        words = Arrays.copyOf(words, size * 2);
      }
      words[size++] = word;
    }
  }

  private static final Comparator<Candidate> ORDER =
      Comparator.comparingLong(Candidate::count)
          .reversed()
          .thenComparingInt(Candidate::left)
          .thenComparingInt(Candidate::right);

  private final int[][] words;
  private final int[] lengths;
  private final long[] weights;
  private final int[] visitedAt;
  private final Map<Long, PairStats> pairs = new HashMap<>();
  private final PriorityQueue<Candidate> queue = new PriorityQueue<>(ORDER);
  private final List<Long> increased = new ArrayList<>();
  private int mergeNumber;
  private final Set<Long> excluded = new HashSet<>();

  PairMerger(Map<String, long[]> preTokenCounts) {
    int size = preTokenCounts.size();
    words = new int[size][];
    lengths = new int[size];
    weights = new long[size];
    visitedAt = new int[size];
    int index = 0;
    for (Map.Entry<String, long[]> entry : preTokenCounts.entrySet()) {
      byte[] bytes = entry.getKey().getBytes(StandardCharsets.UTF_8);
      int[] symbols = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = bytes[i] & 0xFF;
      }
      words[index] = symbols;
      lengths[index] = symbols.length;
      weights[index] = entry.getValue()[0];
      for (int i = 0; i + 1 < symbols.length; i++) {
        adjust(symbols[i], symbols[i + 1], weights[index], index);
      }
      index++;
    }
    for (Map.Entry<Long, PairStats> entry : pairs.entrySet()) {
      long key = entry.getKey();
      queue.add(new Candidate(entry.getValue().count, (int) (key >>> 32), (int) key));
    }
    increased.clear();
  }

  /**
   * Never proposes (left, right) again: its merged token would be longer than the trainer allows.
   */
  void exclude(int left, int right) {
    excluded.add(MergeTable.key(left, right));
  }

  /**
   * The most frequent pair {left, right} with at least minFrequency occurrences, or null if none.
   */
  int[] bestPair(int minFrequency) {
    while (!queue.isEmpty()) {
      Candidate top = queue.peek();
      if (excluded.contains(MergeTable.key(top.left(), top.right()))) {
        queue.poll();
        continue;
      }
      PairStats stats = pairs.get(MergeTable.key(top.left(), top.right()));
      long current = stats == null ? 0 : stats.count;
      if (current == top.count()) {
        return current >= minFrequency ? new int[] {top.left(), top.right()} : null;
      }
      queue.poll();
      if (current > 0) {
        queue.add(new Candidate(current, top.left(), top.right()));
      }
    }
    return null;
  }

  /**
   * Replaces every non-overlapping (left, right), scanning each word left to right, by {@code
   * result}.
   */
  void merge(int left, int right, int result) {
    long mergedKey = MergeTable.key(left, right);
    PairStats stats = pairs.remove(mergedKey);
    mergeNumber++;
    for (int n = 0; n < stats.size; n++) {
      int word = stats.words[n];
      if (visitedAt[word] == mergeNumber) {
        continue;
      }
      visitedAt[word] = mergeNumber;
      lengths[word] = mergeWord(word, left, right, result, mergedKey);
    }
    for (long key : increased) {
      PairStats changed = pairs.get(key);
      if (changed != null && changed.count > 0) {
        queue.add(new Candidate(changed.count, (int) (key >>> 32), (int) key));
      }
    }
    increased.clear();
  }

  private int mergeWord(int word, int left, int right, int result, long mergedKey) {
    int[] symbols = words[word];
    int length = lengths[word];
    long weight = weights[word];
    int out = 0;
    for (int i = 0; i < length; ) {
      if (i + 1 < length && symbols[i] == left && symbols[i + 1] == right) {
        if (out > 0) {
          adjustUnlessMerged(symbols[out - 1], left, -weight, word, mergedKey);
          adjustUnlessMerged(symbols[out - 1], result, weight, word, mergedKey);
        }
        if (i + 2 < length) {
          adjustUnlessMerged(right, symbols[i + 2], -weight, word, mergedKey);
          adjustUnlessMerged(result, symbols[i + 2], weight, word, mergedKey);
        }
        symbols[out++] = result;
        i += 2;
      } else {
        symbols[out++] = symbols[i++];
      }
    }
    return out;
  }

  private void adjustUnlessMerged(int left, int right, long delta, int word, long mergedKey) {
    if (MergeTable.key(left, right) != mergedKey) {
      adjust(left, right, delta, word);
    }
  }

  private void adjust(int left, int right, long delta, int word) {
    long key = MergeTable.key(left, right);
    PairStats stats = pairs.get(key);
    if (stats == null) {
      stats = new PairStats();
      pairs.put(key, stats);
    }
    stats.count += delta;
    if (delta > 0) {
      stats.addWord(word);
      increased.add(key);
    }
  }
}
