/*
 * Exact counts per unit hash: an open-addressing table (linear probing, 64-bit keys) that grows as new units
 * appear. Exact rather than feature-hashed because the detector's signal is "this word is unseen elsewhere":
 * a collision in a hashed table makes an unseen word look common (measured: a 2^20 hashed table lost every
 * poison). Costs about 24 bytes per distinct unit at the worst load factor. Mergeable for Spark.
 */
package dev.poisonlab.defense.detect;

import java.io.Serializable;

public final class UnitCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long EMPTY = 0L;

  private long[] keys;
  private int[] counts;
  private int size;

  public UnitCounts(int initialCapacityBits) {
    keys = new long[1 << initialCapacityBits];
    counts = new int[1 << initialCapacityBits];
  }

  /**
   * Adds {@code by} to the unit's count and returns the new count (n-gram models watch for 1: a new
   * type).
   */
  public int increment(long hash, int by) {
    long key = hash == EMPTY ? 1L : hash;
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (true) {
      long present = keys[slot];
      if (present == key) {
        counts[slot] += by;
        return counts[slot];
      }
      if (present == EMPTY) {
        keys[slot] = key;
        counts[slot] = by;
        if (++size * 2 > keys.length) {
          grow();
        }
        return by;
      }
      slot = (slot + 1) & mask;
    }
  }

  public int get(long hash) {
    long key = hash == EMPTY ? 1L : hash;
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (true) {
      long present = keys[slot];
      if (present == key) {
        return counts[slot];
      }
      if (present == EMPTY) {
        return 0;
      }
      slot = (slot + 1) & mask;
    }
  }

  public void addAll(UnitCounts other) {
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != EMPTY) {
        increment(other.keys[i], other.counts[i]);
      }
    }
  }

  /** Number of distinct units. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        increment(oldKeys[i], oldCounts[i]);
      }
    }
  }
}
