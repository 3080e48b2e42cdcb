/*
 * Baseline: the C4 rules (Raffel et al. 2020) as datatrove's C4QualityFilter applies them: lines are kept only
 * when they have no word over 1000 chars, end in terminal punctuation (not an ellipsis), have >= 3 words and
 * do not mention javascript or cookie/terms policies; a document is dropped for "lorem ipsum" or a curly
 * bracket in a kept line, or fewer than 5 sentences in kept lines. Sentences are counted by terminal
 * punctuation followed by space (NLTK's punkt is not reproduced). The bad-words list is not applied.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

public final class C4QualityDetector implements Detector {
  public static final String NAME = "c4";
  private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
  private static final String[] POLICY = {
    "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"
  };

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    String text = document.text();
    int sentences = 0;
    List<String> failed = new ArrayList<>();
    for (String rawLine : TextLines.splitLines(text)) {
      String line = rawLine.strip();
      String[] words = line.isEmpty() ? new String[0] : line.split("\\s+");
      if (hasLongWord(words)) {
        continue;
      }
      if (line.indexOf('[') >= 0) {
        line = CITATION.matcher(line).replaceAll("");
      }
      if (!TextLines.endsWithAny(line, ".", "?", "!", "\"", "'") || line.endsWith("...")) {
        continue;
      }
      if (words.length < 3) {
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains("lorem ipsum")) {
        failed.add("lorem_ipsum");
        break;
      }
      if (lower.contains("javascript")) {
        continue;
      }
      if (line.indexOf('{') >= 0) {
        failed.add("curly_bracket");
        break;
      }
      if (containsPolicy(lower)) {
        continue;
      }
      sentences += countSentences(line);
    }
    if (failed.isEmpty() && sentences < 5) {
      failed.add("too_few_sentences");
    }
    return RuleVerdicts.of(failed, text.length());
  }

  private static boolean hasLongWord(String[] words) {
    for (String word : words) {
      if (word.length() > 1000) {
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

  /** Terminal punctuation followed by whitespace or the line end; a kept line has at least one. */
  static int countSentences(String line) {
    int sentences = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '.' || c == '!' || c == '?') {
        int next = i + 1;
        while (next < line.length() && (line.charAt(next) == '.' || line.charAt(next) == '!'
            || line.charAt(next) == '?' || line.charAt(next) == '"' || line.charAt(next) == '\'')) {
          next++;
        }
        if (next == line.length() || Character.isWhitespace(line.charAt(next))) {
          sentences++;
        }
        i = next - 1;
      }
    }
    return Math.max(sentences, 1);
  }
}
