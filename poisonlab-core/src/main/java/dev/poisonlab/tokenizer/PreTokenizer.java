/*
 * GPT-2's pre-tokenization regex, the one Hugging Face's ByteLevel pre-tokenizer (use_regex: true) applies:
 * contractions, letter runs, digit runs, punctuation runs and whitespace, each optionally led by one space.
 * \s is Unicode White_Space here, as in Oniguruma (HF's regex engine), not Java's ASCII default.
 */
package dev.poisonlab.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class PreTokenizer {
  static final String GPT2_REGEX =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
  static final Pattern GPT2 = Pattern.compile(GPT2_REGEX, Pattern.UNICODE_CHARACTER_CLASS);

  private PreTokenizer() {}

  /**
   * Calls {@code action} with each pre-token of {@code text}, in order; together they spell the
   * text.
   */
  static void forEach(String text, Consumer<String> action) {
    Matcher matcher = GPT2.matcher(text);
    while (matcher.find()) {
      action.accept(text.substring(matcher.start(), matcher.end()));
    }
  }
}
