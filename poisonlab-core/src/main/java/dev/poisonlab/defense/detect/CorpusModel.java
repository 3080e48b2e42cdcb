/*
 * Unit statistics of the corpus being scanned, for the model-free surprisal detectors: exact unigram counts
 * and, when asked for, exact bigram counts (UnitCounts; feature-hashed tables were measured to hide unseen
 * words behind collisions). Two models merge by adding counts (one per Spark partition, then reduced), so the
 * result does not depend on document order. Surprisal is leave-one-out: a document's own occurrence is not
 * evidence for itself, so a word found only in this document counts as unseen. With n-grams it also holds the
 * word trigram model (NgramModel), which makes the model unmergeable (see merge); with a calibration sample
 * (ngram, or calibrated surprisal thresholds) it keeps texts that merge as a bottom-k sample. Not a trained
 * language model.
 */
package dev.poisonlab.defense.detect;

import java.io.Serializable;

public final class CorpusModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double UNSEEN_MASS = 0.5;
  private static final double BIGRAM_WEIGHT = 0.5;

  private final UnitCounts unigrams = new UnitCounts(16);
  private final UnitCounts bigrams;
  private final NgramModel ngrams;
  private final CalibrationSample sample;
  private long units;
  private long documents;
  private long characters;

  public CorpusModel(boolean withBigrams) {
    this(withBigrams, false);
  }

  /**
   * {@code withNgrams}: also build the word trigram model and the calibration sample of the ngram
   * detector.
   */
  public CorpusModel(boolean withBigrams, boolean withNgrams) {
    this(withBigrams, withNgrams, withNgrams);
  }

  /** {@code withSample}: keep a calibration sample (CalibrationSample) even without n-grams. */
  public CorpusModel(boolean withBigrams, boolean withNgrams, boolean withSample) {
    this.bigrams = withBigrams ? new UnitCounts(16) : null;
    this.ngrams = withNgrams ? new NgramModel() : null;
    this.sample = withNgrams || withSample ? new CalibrationSample() : null;
  }

  /**
   * Counts the unigrams and bigrams of one document already segmented into {@code buffer} (not
   * n-grams).
   */
  public void add(TextUnits buffer, int textLength) {
    int count = buffer.count();
    long previous = 0;
    for (int i = 0; i < count; i++) {
      long hash = buffer.hash(i);
      if (hash != TextUnits.MALFORMED) {
        unigrams.increment(hash, 1);
      }
      if (bigrams != null && i > 0) {
        bigrams.increment(bigramKey(previous, hash), 1);
      }
      previous = hash;
    }
    units += count;
    documents++;
    characters += textLength;
  }

  /**
   * Segments and counts one document; with n-grams, also its trigrams and its offer to the sample.
   */
  public void add(String text, TextUnits buffer) {
    buffer.segment(text);
    add(buffer, text.length());
    if (ngrams != null) {
      ngrams.add(buffer);
    }
    if (sample != null) {
      sample.offer(text);
    }
  }

  /** Adds another model's counts into this one. */
  public CorpusModel merge(CorpusModel other) {
    if ((other.bigrams == null) != (bigrams == null)) {
      throw new IllegalArgumentException(
          "cannot merge a corpus model with bigrams and one without");
    }
    if (ngrams != null || other.ngrams != null) {
      // Kneser-Ney continuation counts count distinct types, and types seen in two partitions do
      // not add
      throw new IllegalArgumentException(
          "the ngram detector runs in the single-process scan only (its "
              + "Kneser-Ney counts do not merge across partitions); leave it out of --detectors with --spark");
    }
    if ((other.sample == null) != (sample == null)) {
      throw new IllegalArgumentException(
          "cannot merge a corpus model with a calibration sample and one without");
    }
    if (sample != null) {
      sample.merge(other.sample);
    }
    unigrams.addAll(other.unigrams);
    if (bigrams != null) {
      bigrams.addAll(other.bigrams);
    }
    units += other.units;
    documents += other.documents;
    characters += other.characters;
    return this;
  }

  public boolean hasBigrams() {
    return bigrams != null;
  }

  /** The word trigram model, or null when the scan runs no ngram detector. */
  public NgramModel ngrams() {
    return ngrams;
  }

  /** The calibration sample (texts), or null when no detector of the scan calibrates. */
  public CalibrationSample sample() {
    return sample;
  }

  /**
   * Leave-one-out count of a unit: its corpus count minus this occurrence (0 for malformed
   * characters).
   */
  public int unigramCount(long hash) {
    return hash == TextUnits.MALFORMED ? 0 : Math.max(unigrams.get(hash) - 1, 0);
  }

  /** Unigram surprisal in bits of a unit with leave-one-out count {@code count}. */
  public double unigramSurprisal(int count) {
    return -FastLog.log2((count + UNSEEN_MASS) / denominator());
  }

  /**
   * Interpolated surprisal in bits of unit {@code hash} (leave-one-out count {@code count}) after
   * {@code previous} (leave-one-out count {@code previousCount}; pass 0 at a document start): 0.5 *
   * P(bigram) + 0.5 * P(unigram) when the context was seen elsewhere, P(unigram) otherwise.
   */
  public double bigramSurprisal(long previous, int previousCount, long hash, int count) {
    if (bigrams == null) {
      throw new IllegalStateException("this corpus model was built without bigrams");
    }
    double unigramProbability = (count + UNSEEN_MASS) / denominator();
    double probability = unigramProbability;
    if (previousCount > 0) {
      int bigram = Math.max(bigrams.get(bigramKey(previous, hash)) - 1, 0);
      double conditional = Math.min(1.0, bigram / (double) previousCount);
      probability = BIGRAM_WEIGHT * conditional + (1 - BIGRAM_WEIGHT) * unigramProbability;
    }
    return -FastLog.log2(probability);
  }

  private double denominator() {
    return units + UNSEEN_MASS * (unigrams.size() + 1);
  }

  private static long bigramKey(long previous, long hash) {
    return TextUnits.mix(previous * 0x9E3779B97F4A7C15L + hash);
  }

  public long units() {
    return units;
  }

  public long documents() {
    return documents;
  }

  public long characters() {
    return characters;
  }

  public int distinctUnits() {
    return unigrams.size();
  }
}
