/*
 * A growable array of primitive longs (document offsets, sequence lengths): 8 bytes per entry where a
 * List<Long> would spend ~24, which matters for corpora with millions of documents.
 */
package dev.poisonlab.corpus;

import java.util.Arrays;

final class LongList {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
  }

  long get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    return values[index];
  }

  int size() {
    return size;
  }
}
