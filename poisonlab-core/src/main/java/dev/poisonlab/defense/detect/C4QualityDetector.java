/*
 * Baseline: the C4 rules (Raffel et al. 2020) as datatrove's C4QualityFilter (a649de7) applies them with
 * split_paragraph=True, settings in C4Thresholds. Lines are kept only when they have no over-long word, end
 * in terminal punctuation (not an ellipsis), have enough words and mention neither javascript nor a cookie or
 * terms policy; a kept line with "lorem ipsum" or '{' drops the document, and so do too few sentences in the
 * kept lines (counted as spaCy's sentencizer counts them, see WordTokens). The bad-words list is not applied.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

public final class C4QualityDetector implements Detector {
  public static final String NAME = "c4";
  private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
  private static final String[] END_PUNCTUATION = {".", "?", "!", "\"", "'"};
  private static final String[] POLICY = {
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies"
  };

  private final C4Thresholds thresholds;
  private final WordTokens tokens = new WordTokens();

  public C4QualityDetector() {
    this(C4Thresholds.DATATROVE);
  }

  public C4QualityDetector(C4Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    C4Thresholds t = thresholds;
    String text = document.text();
    int sentences = 0;
    for (String rawLine : TextLines.splitLines(text)) {
      String line = TextLines.strip(rawLine);
      List<String> words = TextLines.splitWords(line);
      if (t.maxWordLength() != -1 && hasLongerWord(words, t.maxWordLength())) {
        continue;
      }
      if (t.removeCitations() && line.indexOf('[') >= 0) {
        line = CITATION.matcher(line).replaceAll("");
      }
      if (t.filterNoTerminalPunct()
          && (!TextLines.endsWithAny(line, END_PUNCTUATION) || line.endsWith("..."))) {
        continue;
      }
      if (words.size() < t.minWordsPerLine()) {
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (t.filterLoremIpsum() && lower.contains("lorem ipsum")) {
        return RuleVerdicts.of(List.of("lorem_ipsum"), text.length());
      }
      if (t.filterJavascript() && lower.contains("javascript")) {
        continue;
      }
      if (t.filterCurlyBracket() && line.indexOf('{') >= 0) {
        return RuleVerdicts.of(List.of("curly_bracket"), text.length());
      }
      if (t.filterPolicy() && containsPolicy(lower)) {
        continue;
      }
      if (t.minNumSentences() != -1) {
        tokens.tokenize(line);
        sentences += tokens.sentences();
      }
    }
    return RuleVerdicts.of(
        sentences < t.minNumSentences() ? List.of("too_few_sentences") : List.of(), text.length());
  }

  private static boolean hasLongerWord(List<String> words, int maxLength) {
    for (String word : words) {
      if (word.codePointCount(0, word.length()) > maxLength) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsPolicy(String lower) {
    for (String phrase : POLICY) {
      if (lower.contains(phrase)) {
        return true;
      }
    }
    return false;
  }
}
