/*
 * How the next token is drawn from logits: temperature (0 = greedy), top-k (0 = off) and top-p (1 = off).
 * Validating record: a bad value is rejected with a message naming the option.
 */
package dev.poisonlab.eval;

public record SamplingConfig(double temperature, int topK, double topP) {

  public SamplingConfig {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be a finite number >= 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top-p must lie in (0, 1] (1 = off), got " + topP);
    }
  }

  /** The paper's setting: plain sampling at temperature 1.0. */
  public static SamplingConfig plain() {
    return new SamplingConfig(1.0, 0, 1.0);
  }

  public boolean greedy() {
    return temperature == 0;
  }
}
