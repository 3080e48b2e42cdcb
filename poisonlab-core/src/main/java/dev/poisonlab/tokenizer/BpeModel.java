/*
 * The BPE merge loop of a byte-level model: turns the UTF-8 bytes of one pre-token into token ids by
 * repeatedly applying the lowest-ranked applicable merge, leftmost first, which is what Hugging Face's BPE does.
 * Not a tokenizer: pre-tokenization, caching and special tokens live in BpeTokenizer.
 */
package dev.poisonlab.tokenizer;

import java.util.Arrays;
import java.util.PriorityQueue;

final class BpeModel {
  // Longer words use the heap-based loop; short ones (nearly all) rescan a small rank array, which
  // is faster.
  private static final int HEAP_THRESHOLD = 96;

  private final int[] byteToId;
  private final MergeTable merges;

  BpeModel(int[] byteToId, MergeTable merges) {
    this.byteToId = byteToId.clone();
    this.merges = merges;
  }

  int[] encodeWord(byte[] bytes) {
    return bytes.length > HEAP_THRESHOLD ? encodeLong(bytes) : encodeShort(bytes);
  }

  int[] encodeShort(byte[] bytes) {
    int length = bytes.length;
    int[] symbols = new int[length];
    for (int i = 0; i < length; i++) {
      symbols[i] = byteToId[bytes[i] & 0xFF];
    }
    if (length < 2) {
      return symbols;
    }
    // packed[i] describes the merge of symbols i and i+1 (rank in the high half), -1 when none
    // applies
    long[] packed = new long[length - 1];
    for (int i = 0; i < length - 1; i++) {
      packed[i] = merges.find(symbols[i], symbols[i + 1]);
    }
    while (length > 1) {
      int best = -1;
      int bestRank = MergeTable.NONE;
      for (int i = 0; i < length - 1; i++) {
        int rank = MergeTable.rankOf(packed[i]);
        if (rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      symbols[best] = MergeTable.resultOf(packed[best]);
      System.arraycopy(symbols, best + 2, symbols, best + 1, length - best - 2);
      System.arraycopy(packed, best + 1, packed, best, length - best - 2);
      length--;
      if (best > 0) {
        packed[best - 1] = merges.find(symbols[best - 1], symbols[best]);
      }
      if (best < length - 1) {
        packed[best] = merges.find(symbols[best], symbols[best + 1]);
      }
    }
    return length == symbols.length ? symbols : Arrays.copyOf(symbols, length);
  }

  int[] encodeLong(byte[] bytes) {
    int length = bytes.length;
    int[] symbols = new int[length];
    int[] next = new int[length];
    int[] previous = new int[length];
    for (int i = 0; i < length; i++) {
      symbols[i] = byteToId[bytes[i] & 0xFF];
      next[i] = i + 1 < length ? i + 1 : -1;
      previous[i] = i - 1;
    }
    // entries are (rank << 32 | position): the heap yields the lowest rank, then the leftmost
    // position
    PriorityQueue<Long> queue = new PriorityQueue<>();
    for (int i = 0; i + 1 < length; i++) {
      offer(queue, symbols, i, i + 1);
    }
    int alive = length;
    while (!queue.isEmpty()) {
      long entry = queue.poll();
      int rank = (int) (entry >>> 32);
      int position = (int) entry;
      int right = next[position];
      // stale entries (a neighbour merged since) no longer carry the rank they were queued with
      if (symbols[position] < 0
          || right < 0
          || MergeTable.rankOf(merges.find(symbols[position], symbols[right])) != rank) {
        continue;
      }
      symbols[position] = MergeTable.resultOf(merges.find(symbols[position], symbols[right]));
      symbols[right] = -1;
      next[position] = next[right];
      if (next[right] >= 0) {
        previous[next[right]] = position;
      }
      alive--;
      if (previous[position] >= 0) {
        offer(queue, symbols, previous[position], position);
      }
      if (next[position] >= 0) {
        offer(queue, symbols, position, next[position]);
      }
    }
    int[] result = new int[alive];
    for (int i = 0, out = 0; i >= 0; i = next[i]) {
      result[out++] = symbols[i];
    }
    return result;
  }

  private void offer(PriorityQueue<Long> queue, int[] symbols, int left, int right) {
    int rank = MergeTable.rankOf(merges.find(symbols[left], symbols[right]));
    if (rank != MergeTable.NONE) {
      queue.add(((long) rank << 32) | left);
    }
  }
}
