/*
 * How to read a corpus: which JSON field holds the text, and whether malformed lines stop the read
 * (the default: one clear error, exit 2) or are skipped and counted.
 */
package dev.poisonlab.io;

public record ReadOptions(String textField, boolean skipBad) {
  public static final String DEFAULT_TEXT_FIELD = "text";

  public ReadOptions {
    if (textField == null || textField.isBlank()) {
      throw new IllegalArgumentException("textField must be a non-empty JSON field name");
    }
  }

  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_TEXT_FIELD, false);
  }
}
