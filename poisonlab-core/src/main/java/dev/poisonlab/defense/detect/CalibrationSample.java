/*
 * A fixed-size sample of the scanned documents for threshold calibration: the CAPACITY texts with the
 * smallest hash, kept during the counting pass (bottom-k sampling). Chosen by a hash of the text, not by
 * position, so the sample is the same whatever the document order or partitioning, and two samples merge
 * into the sample of the union. Poisons enter it at their share of the corpus; the calibration that reads
 * it must be robust to that. Not a held-out set: sampled texts are also counted by the model.
 */
package dev.poisonlab.defense.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class CalibrationSample implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Enough for stable quartiles and a 1-in-100 tail; scoring it costs a fraction of a second. */
  public static final int CAPACITY = 8192;

  private final int capacity;
  private final TreeMap<Long, String> texts = new TreeMap<>();

  public CalibrationSample() {
    this(CAPACITY);
  }

  CalibrationSample(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Offers one document's text; kept when its hash is among the smallest CAPACITY seen. */
  public void offer(String text) {
    long hash = TextUnits.mix(TextUnits.stableHash(text));
    if (texts.size() == capacity && hash >= texts.lastKey()) {
      return;
    }
    texts.put(hash, text);
    if (texts.size() > capacity) {
      texts.pollLastEntry();
    }
  }

  public CalibrationSample merge(CalibrationSample other) {
    for (Map.Entry<Long, String> entry : other.texts.entrySet()) {
      texts.put(entry.getKey(), entry.getValue());
      if (texts.size() > capacity) {
        texts.pollLastEntry();
      }
    }
    return this;
  }

  /** The sampled texts in hash order (deterministic). */
  public List<String> texts() {
    return new ArrayList<>(texts.values());
  }

  public int size() {
    return texts.size();
  }
}
