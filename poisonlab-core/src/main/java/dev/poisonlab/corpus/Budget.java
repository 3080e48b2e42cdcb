/*
 * The training-stream size: Chinchilla-style params x tokens-per-param (20) x data multiplier (the paper's
 * 0.5 / 1 / 2), or an explicit token count. The budget counts ALL tokens of the stream: clean documents,
 * separators and poisons, as the paper's "training tokens" do; poisons displace clean tokens, never add.
 */
package dev.poisonlab.corpus;

public record Budget(
    Long params, double tokensPerParam, double dataMultiplier, Long explicitTokens) {
  public static final double CHINCHILLA_TOKENS_PER_PARAM = 20.0;

  public Budget {
    if ((params == null) == (explicitTokens == null)) {
      throw new IllegalArgumentException(
          "budget: give exactly one of params (Chinchilla-scaled) or tokens");
    }
    if (params != null && params <= 0) {
      throw new IllegalArgumentException("params must be positive, got " + params);
    }
    if (explicitTokens != null && explicitTokens <= 0) {
      throw new IllegalArgumentException("tokens must be positive, got " + explicitTokens);
    }
    if (!(tokensPerParam > 0) || Double.isInfinite(tokensPerParam)) {
      throw new IllegalArgumentException(
          "tokens_per_param must be a positive number, got " + tokensPerParam);
    }
    if (!(dataMultiplier > 0) || Double.isInfinite(dataMultiplier)) {
      throw new IllegalArgumentException(
          "data_multiplier must be a positive number, got " + dataMultiplier);
    }
    if (explicitTokens != null
        && (tokensPerParam != CHINCHILLA_TOKENS_PER_PARAM || dataMultiplier != 1.0)) {
      throw new IllegalArgumentException(
          "tokens_per_param and data_multiplier apply only with params, not tokens");
    }
  }

  public static Budget chinchilla(long params, double tokensPerParam, double dataMultiplier) {
    return new Budget(params, tokensPerParam, dataMultiplier, null);
  }

  public static Budget tokens(long tokens) {
    return new Budget(null, CHINCHILLA_TOKENS_PER_PARAM, 1.0, tokens);
  }

  /** Total stream tokens: the explicit count, or round(params x tokens-per-param x multiplier). */
  public long totalTokens() {
    if (explicitTokens != null) {
      return explicitTokens;
    }
    double tokens = params * tokensPerParam * dataMultiplier;
    if (tokens >= Long.MAX_VALUE || Math.round(tokens) <= 0) {
      throw new IllegalArgumentException("budget of " + tokens + " tokens is out of range");
    }
    return Math.round(tokens);
  }
}
