/*
 * Rows of different lengths as one left-padded (B,T) batch, with what attention needs to ignore the padding:
 * per-row positions that start at 0 on a row's first real token, and additive masks. A pad query may see only
 * itself, so its (unused) output stays finite and never turns a real row's attention into NaN.
 */
package dev.poisonlab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

record PaddedBatch(int[][] sequences, int[] pads, int time) {

  static PaddedBatch of(int[][] sequences, int contextLength) {
    if (sequences.length == 0) {
      throw new IllegalArgumentException("empty batch");
    }
    int time = 0;
    for (int[] sequence : sequences) {
      if (sequence.length == 0) {
        throw new IllegalArgumentException("empty sequence in batch");
      }
      time = Math.max(time, sequence.length);
    }
    if (time > contextLength) {
      throw new IllegalArgumentException(
          "sequence of " + time + " tokens exceeds the context length " + contextLength);
    }
    int[] pads = new int[sequences.length];
    for (int r = 0; r < sequences.length; r++) {
      pads[r] = time - sequences[r].length;
    }
    return new PaddedBatch(sequences, pads, time);
  }

  int rows() {
    return sequences.length;
  }

  /** Token ids (B,T) int64; pad slots hold token 0. */
  NDArray tokens(NDManager scope) {
    long[] ids = new long[rows() * time];
    for (int r = 0; r < rows(); r++) {
      for (int t = 0; t < sequences[r].length; t++) {
        ids[r * time + pads[r] + t] = sequences[r][t];
      }
    }
    return scope.create(ids, new Shape(rows(), time));
  }

  /** Positions (B,T) int64: 0 at each row's first real token; pad slots use position 0. */
  NDArray positions(NDManager scope) {
    long[] positions = new long[rows() * time];
    for (int r = 0; r < rows(); r++) {
      for (int t = pads[r]; t < time; t++) {
        positions[r * time + t] = t - pads[r];
      }
    }
    return scope.create(positions, new Shape(rows(), time));
  }

  /** Additive mask (B,1,T,T): query i sees key j when j <= i and j is real, or j == i. */
  NDArray prefillMask(NDManager scope) {
    float[] mask = new float[rows() * time * time];
    Arrays.fill(mask, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < rows(); r++) {
      for (int i = 0; i < time; i++) {
        int base = (r * time + i) * time;
        mask[base + i] = 0;
        for (int j = pads[r]; j < i; j++) {
          mask[base + j] = 0;
        }
      }
    }
    return scope.create(mask, new Shape(rows(), 1, time, time));
  }

  /** Positions (B,1) of the token appended at padded index {@code index}. */
  NDArray stepPositions(NDManager scope, int index) {
    long[] positions = new long[rows()];
    for (int r = 0; r < rows(); r++) {
      positions[r] = index - pads[r];
    }
    return scope.create(positions, new Shape(rows(), 1));
  }

  /** Additive mask (B,1,1,index+1) for a query at padded index {@code index}: every real key. */
  NDArray stepMask(NDManager scope, int index) {
    int keys = index + 1;
    float[] mask = new float[rows() * keys];
    for (int r = 0; r < rows(); r++) {
      Arrays.fill(mask, r * keys, r * keys + pads[r], Float.NEGATIVE_INFINITY);
    }
    return scope.create(mask, new Shape(rows(), 1, 1, keys));
  }
}
