/*
 * Baseline: the Gopher quality rules (Rae et al. 2021) as datatrove's GopherQualityFilter (a649de7) applies
 * them, thresholds in GopherThresholds. Words are datatrove's English words (spaCy rules, see WordTokens).
 * Unlike datatrove, which stops at the first failed rule, every rule is evaluated: score = rules failed and
 * reason = their names in datatrove's order, so the first name is the one datatrove reports.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class GopherQualityDetector implements Detector {
  public static final String NAME = "gopher";

  private final GopherThresholds thresholds;
  private final int longestStopWord;
  private final WordTokens tokens = new WordTokens();

  public GopherQualityDetector() {
    this(GopherThresholds.DATATROVE);
  }

  public GopherQualityDetector(GopherThresholds thresholds) {
    this.thresholds = thresholds;
    this.longestStopWord = thresholds.stopWords().stream().mapToInt(String::length).max().orElse(0);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    String text = document.text();
    GopherThresholds t = thresholds;
    int words = tokens.tokenize(text);
    int nonSymbolWords = 0;
    long nonSymbolLength = 0;
    int withLetter = 0;
    Set<String> stopWords = new HashSet<>();
    for (int w = 0; w < words; w++) {
      if (tokens.hasNonPunctuation(w)) {
        nonSymbolWords++;
        nonSymbolLength += tokens.length(w);
      }
      if (tokens.hasLetter(w)) {
        withLetter++;
      }
      // only short words can be stop words: skip the substring for the rest
      if (tokens.length(w) <= longestStopWord) {
        String word = tokens.text(w);
        if (t.stopWords().contains(word)) {
          stopWords.add(word);
        }
      }
    }
    List<String> failed = new ArrayList<>();
    check(failed, t.minDocWords() > 0 && nonSymbolWords < t.minDocWords(), "gopher_short_doc");
    check(failed, t.maxDocWords() > 0 && nonSymbolWords > t.maxDocWords(), "gopher_long_doc");
    // numpy's mean of no words is NaN, which fails no comparison
    double meanLength =
        nonSymbolWords == 0 ? Double.NaN : nonSymbolLength / (double) nonSymbolWords;
    check(
        failed,
        t.minAvgWordLength() > 0 && meanLength < t.minAvgWordLength(),
        "gopher_below_avg_threshold");
    check(
        failed,
        t.maxAvgWordLength() > 0 && meanLength > t.maxAvgWordLength(),
        "gopher_above_avg_threshold");
    if (words > 0) {
      double symbolRatio = t.maxSymbolWordRatio();
      check(
          failed,
          symbolRatio > 0 && TextLines.count(text, "#") / (double) words > symbolRatio,
          "gopher_too_many_hashes");
      int ellipses = TextLines.count(text, "...") + TextLines.count(text, "\u2026");
      check(
          failed,
          symbolRatio > 0 && ellipses / (double) words > symbolRatio,
          "gopher_too_many_ellipsis");
    }
    lineRules(failed, TextLines.splitLines(text));
    if (words > 0) {
      check(
          failed,
          t.minAlphaWordsRatio() > 0 && withLetter / (double) words < t.minAlphaWordsRatio(),
          "gopher_below_alpha_threshold");
    }
    check(
        failed,
        t.minStopWords() > 0 && stopWords.size() < t.minStopWords(),
        "gopher_enough_stop_words");
    return RuleVerdicts.of(failed, text.length());
  }

  private void lineRules(List<String> failed, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    int bullets = 0;
    int ellipses = 0;
    for (String line : lines) {
      String left = stripLeading(line);
      if (left.startsWith("\u2022") || left.startsWith("-")) {
        bullets++;
      }
      String right = TextLines.strip(line);
      if (right.endsWith("...") || right.endsWith("\u2026")) {
        ellipses++;
      }
    }
    double bulletRatio = thresholds.maxBulletLinesRatio();
    check(
        failed,
        bulletRatio > 0 && bullets / (double) lines.size() > bulletRatio,
        "gopher_too_many_bullets");
    double ellipsisRatio = thresholds.maxEllipsisLinesRatio();
    check(
        failed,
        ellipsisRatio > 0 && ellipses / (double) lines.size() > ellipsisRatio,
        "gopher_too_many_end_ellipsis");
  }

  private static String stripLeading(String line) {
    int start = 0;
    while (start < line.length() && TextLines.isSpace(line.charAt(start))) {
      start++;
    }
    return line.substring(start);
  }

  private static void check(List<String> failed, boolean fails, String rule) {
    if (fails) {
      failed.add(rule);
    }
  }
}
