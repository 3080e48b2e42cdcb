/*
 * One document of a corpus: a stable id (from the input, or FILE:LINE when the input has none) and its text.
 * Deliberately nothing else: metadata that a stage needs travels in that stage's own records.
 */
package dev.poisonlab.io;

import java.util.Objects;

public record Document(String id, String text) {
  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }
}
