/*
 * Where poisons go in the stream: "uniform" (the paper's main setting: uniformly at random over token
 * offsets) or "batches:F" with a batch size in tokens (the density ablation: all poisons packed into a
 * fraction F of the stream's consecutive batches, spread evenly over those batches).
 * Assumes a trainer that reads the stream in order, batch after batch; it does not model random-window sampling.
 */
package dev.poisonlab.corpus;

public record Placement(Kind kind, double batchFraction, long batchTokens) {

  public enum Kind {
    UNIFORM,
    BATCHES
  }

  public Placement {
    if (kind == null) {
      throw new IllegalArgumentException("placement kind is missing");
    }
    if (kind == Kind.BATCHES) {
      if (!(batchFraction > 0 && batchFraction <= 1)) {
        throw new IllegalArgumentException(
            "placement batches:F needs 0 < F <= 1, got " + batchFraction);
      }
      if (batchTokens <= 0) {
        throw new IllegalArgumentException(
            "placement batches:F needs a positive batch size in tokens, got " + batchTokens);
      }
    }
  }

  public static Placement uniform() {
    return new Placement(Kind.UNIFORM, 0, 0);
  }

  /**
   * Parses "uniform" or "batches:F" (F a fraction in (0, 1]); batchTokens is needed only for
   * batches.
   */
  public static Placement parse(String text, long batchTokens) {
    if (text == null || text.equals("uniform")) {
      return uniform();
    }
    if (text.startsWith("batches:")) {
      double fraction;
      try {
        fraction = Double.parseDouble(text.substring("batches:".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "placement: expected batches:F with F a number, got '" + text + "'");
      }
      return new Placement(Kind.BATCHES, fraction, batchTokens);
    }
    throw new IllegalArgumentException(
        "placement must be 'uniform' or 'batches:F', got '" + text + "'");
  }

  /** The form recorded in manifest.json: "uniform" or "batches:F@T" (T = batch size in tokens). */
  public String describe() {
    return kind == Kind.UNIFORM ? "uniform" : "batches:" + batchFraction + "@" + batchTokens;
  }
}
