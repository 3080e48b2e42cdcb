/*
 * Which GELU a GPT's MLP applies: the exact erf form (torch's default, what poisonlab trains; Hugging Face's
 * activation_function "gelu") or the tanh approximation GPT-2 shipped with (HF's "gelu_new"). Only imported
 * Hugging Face models use TANH; nothing here trains with it.
 */
package dev.poisonlab.model;

import java.util.Locale;

public enum Gelu {
  EXACT,
  TANH;

  /** The Hugging Face activation_function name this variant is exported under. */
  public String huggingFaceName() {
    return this == EXACT ? "gelu" : "gelu_new";
  }

  /**
   * The variant of a Hugging Face activation_function name (ACT2FN), or null for a non-GELU
   * activation.
   */
  public static Gelu fromHuggingFace(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "gelu":
      case "gelu_python":
        return EXACT;
      case "gelu_new":
      case "gelu_pytorch_tanh":
      case "gelu_fast":
        return TANH;
      default:
        return null;
    }
  }
}
