/*
 * Settings of the corpus-level "confirmed" verdict (TriggerConfirmation): which change points are candidates,
 * where a trigger is looked for before them, and how much corpus-level evidence confirms it. They never move
 * a detector's own threshold. Defaults were chosen on development poisons (seeds 21-27), the clean set and
 * (minShare) the fetched corpus, then measured on fresh poisons (docs/defense.md, "Issue #13, third round").
 */
package dev.poisonlab.defense.verdict;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;

/**
 * {@code candidateSpreads}: a change-point detector offers its span as a candidate from Q90 +
 * candidateSpreads x (Q90 - Q50) of the calibration sample's scores (never above its own flag
 * threshold; 1.0 made 1.5% of clean documents candidates); 0 offers only its own flags. {@code
 * minSpanChars}: a candidate's change must last this long (the shortest payload the paper's recipe
 * allows, 50 tokens at context 256, is ~200 chars; a clean fortune's overstruck word is 4-60).
 * {@code windowBefore}: a trigger must start at most this many chars before the change point (a
 * random-token payload's change point lands up to ~700 chars past its trigger, where common tokens
 * open it); {@code windowAfter}: and may run this far into the change. {@code minDocuments}: the
 * least documents a trigger must precede (an attacker spreading fewer poisons per trigger is not
 * confirmed, and plants a weaker backdoor: the paper's smallest count, 100, was already
 * unreliable). {@code minShare}: the least share of a string's holders it must precede a change
 * point in (a backdoor's trigger is followed by its payload wherever it occurs; a common string of
 * long documents, which are candidates more often, is not: ". Th" preceded one in 85 of 2,301
 * holders on the 159k-document corpus). {@code alpha}: family-wise bound on confirming a string
 * unrelated to the change points, over every string the candidate windows offered (Bonferroni).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConfirmedSettings(
    double candidateSpreads,
    int minSpanChars,
    int windowBefore,
    int windowAfter,
    int minDocuments,
    double minShare,
    double alpha)
    implements Serializable {
  public static final double DEFAULT_CANDIDATE_SPREADS = 1.0;
  public static final int DEFAULT_MIN_SPAN_CHARS = 64;
  public static final int DEFAULT_WINDOW_BEFORE = 1024;
  public static final int DEFAULT_WINDOW_AFTER = 24;
  public static final int DEFAULT_MIN_DOCUMENTS = 20;
  public static final double DEFAULT_MIN_SHARE = 0.5;
  public static final double DEFAULT_ALPHA = 1e-3;

  public ConfirmedSettings {
    if (!(candidateSpreads >= 0) || Double.isInfinite(candidateSpreads)) {
      throw new IllegalArgumentException(
          "confirmed candidate spreads must be a finite number >= 0, got " + candidateSpreads);
    }
    if (minSpanChars < 0) {
      throw new IllegalArgumentException(
          "confirmed min span must be >= 0 chars, got " + minSpanChars);
    }
    if (windowBefore < 1 || windowBefore > 8192 || windowAfter < 0 || windowAfter > 256) {
      throw new IllegalArgumentException(
          "confirmed window must lie in [1, 8192] chars before and [0, 256] after, got "
              + windowBefore
              + " and "
              + windowAfter);
    }
    if (minDocuments < 2) {
      throw new IllegalArgumentException(
          "confirmed min documents must be >= 2, got " + minDocuments);
    }
    if (!(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException("confirmed min share must lie in (0, 1], got " + minShare);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("confirmed alpha must lie in (0, 1), got " + alpha);
    }
  }

  public static ConfirmedSettings defaults() {
    return new ConfirmedSettings(
        DEFAULT_CANDIDATE_SPREADS,
        DEFAULT_MIN_SPAN_CHARS,
        DEFAULT_WINDOW_BEFORE,
        DEFAULT_WINDOW_AFTER,
        DEFAULT_MIN_DOCUMENTS,
        DEFAULT_MIN_SHARE,
        DEFAULT_ALPHA);
  }

  public ConfirmedSettings withCandidateSpreads(double spreads) {
    return new ConfirmedSettings(
        spreads, minSpanChars, windowBefore, windowAfter, minDocuments, minShare, alpha);
  }

  public ConfirmedSettings withMinSpanChars(int chars) {
    return new ConfirmedSettings(
        candidateSpreads, chars, windowBefore, windowAfter, minDocuments, minShare, alpha);
  }

  public ConfirmedSettings withWindowBefore(int chars) {
    return new ConfirmedSettings(
        candidateSpreads, minSpanChars, chars, windowAfter, minDocuments, minShare, alpha);
  }

  public ConfirmedSettings withMinDocuments(int documents) {
    return new ConfirmedSettings(
        candidateSpreads, minSpanChars, windowBefore, windowAfter, documents, minShare, alpha);
  }

  public ConfirmedSettings withMinShare(double share) {
    return new ConfirmedSettings(
        candidateSpreads, minSpanChars, windowBefore, windowAfter, minDocuments, share, alpha);
  }

  public ConfirmedSettings withAlpha(double bound) {
    return new ConfirmedSettings(
        candidateSpreads, minSpanChars, windowBefore, windowAfter, minDocuments, minShare, bound);
  }
}
