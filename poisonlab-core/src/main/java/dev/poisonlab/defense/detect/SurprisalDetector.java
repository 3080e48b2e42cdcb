/*
 * The model-free change-point detector: each unit's surprisal under the scanned corpus's own unit statistics
 * (CorpusModel, leave-one-out; unigram, or unigram+bigram for the "surprisal-bigram" variant), minus a level tau; the flagged span is the stretch with the largest summed
 * excess (Kadane's maximum segment), so "surprisal jumps and stays high" is a long run of units above tau -
 * a clean prefix followed by a gibberish tail, or gibberish anywhere. Score = that excess in bits; flag when it
 * reaches minExcess, or, calibrated (spreads > 0), min(minExcess, max(20, Q90 + spreads x (Q90 - Q50))) of the
 * corpus sample's scores (CalibratedThreshold), so short context-fitted payloads that never reach a fixed bit
 * count are flagged too. One instance per thread (it keeps a segmentation buffer). Not a language model.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;

public final class SurprisalDetector implements Detector {
  public static final String NAME = "surprisal";
  public static final String BIGRAM_NAME = "surprisal-bigram";

  private final CorpusModel model;
  private final double tau;
  private final double minExcess;

  /**
   * Least calibrated threshold, bits: a tiny or uniform corpus must not flag its noise (as ngram's
   * floor).
   */
  public static final double CALIBRATED_FLOOR = 20.0;

  private final boolean bigram;
  private final TextUnits buffer = new TextUnits();
  private final double threshold;
  private final double candidateLevel;

  public SurprisalDetector(CorpusModel model, boolean bigram, double tau, double minExcess) {
    this(model, bigram, tau, minExcess, 0, 0);
  }

  public SurprisalDetector(
      CorpusModel model, boolean bigram, double tau, double minExcess, double spreads) {
    this(model, bigram, tau, minExcess, spreads, 0);
  }

  /**
   * {@code spreads} 0: flag at the fixed minExcess; above 0: at min(minExcess,
   * max(CALIBRATED_FLOOR, Q90 + spreads x (Q90 - Q50))) of the scores of the model's calibration
   * sample, which it then must have. {@code candidateSpreads} above 0: unflagged verdicts from
   * min(threshold, max(CALIBRATED_FLOOR, Q90 + candidateSpreads x (Q90 - Q50))) carry their span as
   * a candidate change point for the confirmed verdict (ConfirmedSettings); 0: none do.
   */
  public SurprisalDetector(
      CorpusModel model,
      boolean bigram,
      double tau,
      double minExcess,
      double spreads,
      double candidateSpreads) {
    if (!(tau > 0)) {
      throw new IllegalArgumentException("surprisal tau must be positive bits, got " + tau);
    }
    if (!(minExcess > 0)) {
      throw new IllegalArgumentException(
          "surprisal min-excess must be positive bits, got " + minExcess);
    }
    if (bigram && !model.hasBigrams()) {
      throw new IllegalArgumentException(
          "the bigram surprisal detector needs a corpus model with bigrams");
    }
    this.model = model;
    this.bigram = bigram;
    this.tau = tau;
    this.minExcess = minExcess;
    if (!(spreads >= 0) || Double.isInfinite(spreads)) {
      throw new IllegalArgumentException(
          "surprisal spreads must be a finite number >= 0, got " + spreads);
    }
    if (!(candidateSpreads >= 0) || Double.isInfinite(candidateSpreads)) {
      throw new IllegalArgumentException(
          "surprisal candidate spreads must be a finite number >= 0, got " + candidateSpreads);
    }
    if ((spreads > 0 || candidateSpreads > 0) && model.sample() == null) {
      throw new IllegalArgumentException(
          "a calibrated surprisal threshold needs a corpus model with a sample");
    }
    double[] scores =
        spreads > 0 || candidateSpreads > 0 ? sampleScores(model.sample().texts()) : null;
    this.threshold = spreads == 0 ? minExcess : calibrate(scores, spreads);
    this.candidateLevel =
        candidateSpreads == 0
            ? Double.POSITIVE_INFINITY
            : Math.min(threshold, calibrate(scores, candidateSpreads));
  }

  /** The excess at which this detector flags: minExcess, or the calibrated threshold. */
  public double threshold() {
    return threshold;
  }

  private double[] sampleScores(java.util.List<String> sample) {
    double[] scores = new double[sample.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = segment(sample.get(i)).best();
    }
    return scores;
  }

  private double calibrate(double[] scores, double spreads) {
    double calibrated = Math.max(CALIBRATED_FLOOR, CalibratedThreshold.of(scores, spreads));
    // never above the fixed threshold: calibration may only add flags to the default verdict
    return Math.min(minExcess, calibrated);
  }

  @Override
  public String name() {
    return bigram ? BIGRAM_NAME : NAME;
  }

  @Override
  public boolean offersChangePoint(Verdict verdict) {
    return verdict.flagged() || verdict.spanEnd() > verdict.spanStart();
  }

  @Override
  public Verdict inspect(Document document) {
    MaxSegment segment = segment(document.text());
    double best = segment.best();
    int bestFirst = (int) segment.first();
    int bestLast = (int) segment.last();
    if (bestFirst < 0) {
      return Verdict.clean(0);
    }
    boolean flagged = best >= threshold;
    if (!flagged) {
      // a candidate change point for the confirmed verdict: span, no flag
      return best >= candidateLevel
          ? new Verdict(best, false, buffer.start(bestFirst), buffer.end(bestLast), "")
          : Verdict.clean(best);
    }
    int units = bestLast - bestFirst + 1;
    String reason =
        String.format(java.util.Locale.ROOT, "%d units, mean %.1f bits", units, tau + best / units);
    if (threshold != minExcess) {
      reason += String.format(java.util.Locale.ROOT, " (calibrated threshold %.0f)", threshold);
    }
    return new Verdict(best, true, buffer.start(bestFirst), buffer.end(bestLast), reason);
  }

  /**
   * Segments {@code text} into the buffer and returns the maximum-excess segment of its surprisals.
   */
  private MaxSegment segment(String text) {
    int count = buffer.segment(text);
    MaxSegment segment = new MaxSegment();
    long previous = 0;
    int previousCount = 0;
    for (int i = 0; i < count; i++) {
      long hash = buffer.hash(i);
      int unitCount = model.unigramCount(hash);
      double surprisal =
          bigram
              ? model.bigramSurprisal(previous, previousCount, hash, unitCount)
              : model.unigramSurprisal(unitCount);
      double excess = surprisal - tau;
      previous = hash;
      previousCount = unitCount;
      segment.add(i, excess);
    }
    return segment;
  }
}
