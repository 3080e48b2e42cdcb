/*
 * The model-free change-point detector: each unit's surprisal under the scanned corpus's own unit statistics
 * (CorpusModel, leave-one-out; unigram, or unigram+bigram for the "surprisal-bigram" variant), minus a level tau; the flagged span is the stretch with the largest summed
 * excess (Kadane's maximum segment), so "surprisal jumps and stays high" is a long run of units above tau -
 * a clean prefix followed by a gibberish tail, or gibberish anywhere. Score = that excess in bits; flag when it
 * reaches minExcess. One instance per thread (it keeps a segmentation buffer). Not a language model.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;

public final class SurprisalDetector implements Detector {
  public static final String NAME = "surprisal";
  public static final String BIGRAM_NAME = "surprisal-bigram";

  private final CorpusModel model;
  private final double tau;
  private final double minExcess;
  private final boolean bigram;
  private final TextUnits buffer = new TextUnits();

  public SurprisalDetector(CorpusModel model, boolean bigram, double tau, double minExcess) {
    if (!(tau > 0)) {
      throw new IllegalArgumentException("surprisal tau must be positive bits, got " + tau);
    }
    if (!(minExcess > 0)) {
      throw new IllegalArgumentException("surprisal min-excess must be positive bits, got " + minExcess);
    }
    if (bigram && !model.hasBigrams()) {
      throw new IllegalArgumentException("the bigram surprisal detector needs a corpus model with bigrams");
    }
    this.model = model;
    this.bigram = bigram;
    this.tau = tau;
    this.minExcess = minExcess;
  }

  @Override
  public String name() {
    return bigram ? BIGRAM_NAME : NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    int count = buffer.segment(document.text());
    MaxSegment segment = new MaxSegment();
    long previous = 0;
    int previousCount = 0;
    for (int i = 0; i < count; i++) {
      long hash = buffer.hash(i);
      int unitCount = model.unigramCount(hash);
      double surprisal = bigram
          ? model.bigramSurprisal(previous, previousCount, hash, unitCount)
          : model.unigramSurprisal(unitCount);
      double excess = surprisal - tau;
      previous = hash;
      previousCount = unitCount;
      segment.add(i, excess);
    }
    double best = segment.best();
    int bestFirst = (int) segment.first();
    int bestLast = (int) segment.last();
    if (bestFirst < 0) {
      return Verdict.clean(0);
    }
    boolean flagged = best >= minExcess;
    if (!flagged) {
      return Verdict.clean(best);
    }
    int units = bestLast - bestFirst + 1;
    String reason = String.format(java.util.Locale.ROOT, "%d units, mean %.1f bits", units, tau + best / units);
    return new Verdict(best, true, buffer.start(bestFirst), buffer.end(bestLast), reason);
  }
}
