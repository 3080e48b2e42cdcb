/*
 * A word-level trigram language model of the scanned corpus itself: interpolated Kneser-Ney (one discount per
 * order, D = n1 / (n1 + 2 n2) from the count-of-counts), built in one streaming pass with exact counts in
 * open-addressing tables (UnitCounts) keyed by unit hashes (TextUnits: words and single symbols). Queries are
 * leave-one-out: the occurrence being scored is taken out of every count it touched, including the
 * continuation counts a unique trigram created, so a document never explains itself. Not mergeable across
 * Spark partitions (continuation counts count types, which do not add) and not a neural model.
 */
package dev.poisonlab.defense.detect;

import java.io.Serializable;

public final class NgramModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The two virtual units before a document's first unit: every unit has a full trigram context.
   */
  static final long START_1 = TextUnits.mix(0x57a27001L);

  static final long START_2 = TextUnits.DOCUMENT_START;

  private final UnitCounts trigrams = new UnitCounts(16); // c(uvw)
  private final UnitCounts contextTotals = new UnitCounts(16); // c(uv.)
  private final UnitCounts contextTypes = new UnitCounts(16); // N1+(uv.)
  private final UnitCounts bigramContinuations = new UnitCounts(16); // N1+(.vw)
  private final UnitCounts middleTotals = new UnitCounts(14); // N1+(.v.) = sum_w N1+(.vw)
  private final UnitCounts middleTypes = new UnitCounts(14); // N1+(v.): w with N1+(.vw) > 0
  private final UnitCounts unigramContinuations =
      new UnitCounts(14); // N1+(.w): v with N1+(.vw) > 0
  private final long[] countOfCounts = new long[6]; // n1, n2 for orders 3, 2, 1
  private long bigramTypes; // N1+(..)
  private int vocabulary; // words w with N1+(.w) > 0

  /** Counts every trigram occurrence of one segmented document. */
  public void add(TextUnits units) {
    long u = START_1;
    long v = START_2;
    for (int i = 0; i < units.count(); i++) {
      long w = units.hash(i);
      addOccurrence(u, v, w);
      u = v;
      v = w;
    }
  }

  private void addOccurrence(long u, long v, long w) {
    long context = key(0x11, u, v);
    int trigram = trigrams.increment(key(0x33, context, w), 1);
    contextTotals.increment(context, 1);
    tallyCount(0, trigram);
    if (trigram != 1) {
      return;
    }
    // a new trigram type: one more continuation of (v, w)
    contextTypes.increment(context, 1);
    int continuation = bigramContinuations.increment(key(0x22, v, w), 1);
    middleTotals.increment(key(0x44, 0, v), 1);
    tallyCount(1, continuation);
    if (continuation != 1) {
      return;
    }
    middleTypes.increment(key(0x44, 0, v), 1);
    bigramTypes++;
    int unigram = unigramContinuations.increment(key(0x55, 0, w), 1);
    tallyCount(2, unigram);
    if (unigram == 1) {
      vocabulary++;
    }
  }

  /**
   * Keeps n1 and n2 of an order current as one count moves from {@code count - 1} to {@code count}.
   */
  private void tallyCount(int order, int count) {
    if (count == 1) {
      countOfCounts[2 * order]++;
    } else if (count == 2) {
      countOfCounts[2 * order]--;
      countOfCounts[2 * order + 1]++;
    } else if (count == 3) {
      countOfCounts[2 * order + 1]--;
    }
  }

  /**
   * P(w | u v) under interpolated Kneser-Ney. {@code held} = 1 scores an occurrence that was
   * counted (leave one out); 0 scores against all counts. Malformed characters are always unseen
   * words.
   */
  public double probability(long u, long v, long w, int held) {
    long context = key(0x11, u, v);
    int trigram = trigrams.get(key(0x33, context, w)) - held;
    boolean trigramGone = held == 1 && trigram == 0;
    int drop3 = trigramGone ? 1 : 0;
    int continuation = bigramContinuations.get(key(0x22, v, w)) - drop3;
    boolean bigramGone = trigramGone && continuation == 0;
    int drop2 = bigramGone ? 1 : 0;
    int unigram = unigramContinuations.get(key(0x55, 0, w)) - drop2;
    int words = vocabulary - (bigramGone && unigram == 0 ? 1 : 0);
    if (w == TextUnits.MALFORMED) {
      return 1.0 / (words + 1);
    }
    double lowest =
        interpolate(unigram, bigramTypes - drop2, words, discount(2), 1.0 / (words + 1));
    double middle =
        interpolate(
            continuation,
            middleTotals.get(key(0x44, 0, v)) - drop3,
            middleTypes.get(key(0x44, 0, v)) - drop2,
            discount(1),
            lowest);
    return interpolate(
        trigram,
        contextTotals.get(context) - held,
        contextTypes.get(context) - drop3,
        discount(0),
        middle);
  }

  /**
   * max(c - D, 0) / total + D * types / total * lower; the lower order alone when the context is
   * unseen.
   */
  private static double interpolate(
      int count, long total, long types, double discount, double lower) {
    if (total <= 0) {
      return lower;
    }
    return (Math.max(count - discount, 0) + discount * types * lower) / total;
  }

  /** D = n1 / (n1 + 2 n2) (Ney et al.), kept inside [0.05, 0.95]; 0.5 before anything repeats. */
  double discount(int order) {
    long n1 = countOfCounts[2 * order];
    long n2 = countOfCounts[2 * order + 1];
    if (n1 + 2 * n2 == 0) {
      return 0.5;
    }
    return Math.min(0.95, Math.max(0.05, n1 / (double) (n1 + 2 * n2)));
  }

  /** Distinct words seen (types with a positive continuation count). */
  public int vocabulary() {
    return vocabulary;
  }

  public int trigramTypes() {
    return trigrams.size();
  }

  /** Key of an n-gram: a salt per table keeps a bigram key from ever equalling a trigram key. */
  private static long key(int salt, long first, long second) {
    return TextUnits.mix((first * 0x9E3779B97F4A7C15L + second) ^ ((long) salt << 56));
  }
}
