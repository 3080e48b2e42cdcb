/*
 * Settings of the lm-surprisal detector: the trained run whose last checkpoint scores the documents, the level
 * tau in bits above which a token's surprisal counts as excess (0 = automatic: 0.8 x log2(vocabulary), i.e.
 * clearly above what a model that learned the language gives text, below what it must give random tokens),
 * the most one token may subtract from a running segment (floorBits: random byte tokens decode to U+FFFD, which
 * re-encodes as a cheap predictable 3-token run that would otherwise end every gibberish span), the excess in
 * bits that flags a span, and the tokens per forward pass. Serializable: it rides in ScanSpec.
 */
package dev.poisonlab.defense.detect;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LmSettings(
    String run, double tau, double floorBits, double minExcess, int batchTokens)
    implements Serializable {
  public static final double AUTO_TAU = 0;
  public static final double AUTO_TAU_SHARE = 0.8;
  public static final double DEFAULT_FLOOR_BITS = 3;
  public static final double DEFAULT_MIN_EXCESS = 300;
  public static final int DEFAULT_BATCH_TOKENS = 8192;

  public LmSettings {
    if (run == null || run.isBlank()) {
      throw new IllegalArgumentException(
          "model: give a run directory (train --out) for lm-surprisal");
    }
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("lmTau must be >= 0 bits (0 = automatic), got " + tau);
    }
    if (!(floorBits > 0) || Double.isInfinite(floorBits)) {
      throw new IllegalArgumentException(
          "lmFloorBits must be a positive number of bits, got " + floorBits);
    }
    if (!(minExcess > 0) || Double.isInfinite(minExcess)) {
      throw new IllegalArgumentException(
          "lmMinExcess must be a positive number of bits, got " + minExcess);
    }
    if (batchTokens < 1) {
      throw new IllegalArgumentException("lmBatchTokens must be >= 1, got " + batchTokens);
    }
  }

  public static LmSettings of(String run) {
    return new LmSettings(
        run, AUTO_TAU, DEFAULT_FLOOR_BITS, DEFAULT_MIN_EXCESS, DEFAULT_BATCH_TOKENS);
  }

  /** The level in bits for a vocabulary of {@code vocabSize} tokens. */
  public double tauFor(int vocabSize) {
    return tau > 0 ? tau : AUTO_TAU_SHARE * Math.log(vocabSize) / Math.log(2);
  }
}
