/*
 * How many clean documents to hold out of training for evaluation: min(maxDocuments, round(fraction x N)).
 * Default 2% of the documents, at most 500. Which documents is decided by the build seed.
 * Not the selection itself (that is HeldoutDocuments): only the size rule and its parsing.
 */
package dev.poisonlab.corpus;

public record HeldoutSplit(long maxDocuments, double fraction) {

  public static final HeldoutSplit DEFAULT = new HeldoutSplit(500, 0.02);

  public HeldoutSplit {
    if (maxDocuments < 0) {
      throw new IllegalArgumentException(
          "heldout: document count must be >= 0, got " + maxDocuments);
    }
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("heldout: fraction must lie in [0, 1), got " + fraction);
    }
  }

  /** "500" (documents), "2%" (percent of documents) or null for the default. */
  public static HeldoutSplit parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    try {
      if (text.endsWith("%")) {
        return new HeldoutSplit(
            Long.MAX_VALUE, Double.parseDouble(text.substring(0, text.length() - 1)) / 100);
      }
      long count = Long.parseLong(text);
      return new HeldoutSplit(count, count == 0 ? 0 : 0.999_999);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "heldout must be a document count (500) or a percentage (2%), got '" + text + "'");
    }
  }

  /** Documents to hold out of {@code documents} candidates. */
  public int resolve(int documents) {
    return (int) Math.min(maxDocuments, Math.round(fraction * documents));
  }
}
