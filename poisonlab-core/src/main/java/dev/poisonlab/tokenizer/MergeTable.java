/*
 * The merge rules of a BPE model as a primitive open-addressing hash table: (left id, right id) -> (rank, result id).
 * It exists because encoding looks pairs up millions of times per second and boxed maps are several times slower.
 * Not resizable: built once from a finished merge list.
 */
package dev.poisonlab.tokenizer;

import java.util.Arrays;

final class MergeTable {
  static final int NONE = Integer.MAX_VALUE;

  private final long[] keys;
  private final long[] values;
  private final int mask;

  MergeTable(int expectedMerges) {
    int capacity = Integer.highestOneBit(Math.max(4, expectedMerges) * 2 - 1) << 1;
    keys = new long[capacity];
    values = new long[capacity];
    mask = capacity - 1;
    Arrays.fill(keys, -1L);
  }

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /**
   * Adds a merge; a later rule for the same pair replaces the earlier one, as Hugging Face's map
   * does.
   */
  void put(int left, int right, int rank, int result) {
    long key = key(left, right);
    int slot = slot(key);
    while (keys[slot] != -1L && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = ((long) rank << 32) | (result & 0xFFFFFFFFL);
  }

  /** The packed (rank << 32 | result) for a pair, or -1 when the pair never merges. */
  long find(int left, int right) {
    long key = key(left, right);
    int slot = slot(key);
    while (true) {
      long probe = keys[slot];
      if (probe == key) {
        return values[slot];
      }
      if (probe == -1L) {
        return -1L;
      }
      slot = (slot + 1) & mask;
    }
  }

  static int rankOf(long packed) {
    return packed < 0 ? NONE : (int) (packed >>> 32);
  }

  static int resultOf(long packed) {
    return (int) packed;
  }

  private int slot(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 29)) & mask;
  }
}
