/*
 * Baseline: the Gopher quality rules (Rae et al. 2021) with the thresholds datatrove's GopherQualityFilter
 * publishes (commit 5c254fa): 50..100000 words, mean word length 3..10, '#' and ellipsis <= 0.1 per word,
 * <= 90% bullet lines, <= 30% lines ending in an ellipsis, >= 80% words with a letter, >= 2 stop words.
 * Every rule is evaluated; score = number of rules failed, flagged when any fails, span = the whole document.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;

public final class GopherQualityDetector implements Detector {
  public static final String NAME = "gopher";
  private static final String[] STOP_WORDS = {"the", "be", "to", "of", "and", "that", "have", "with"};

  private final WordTokens tokens = new WordTokens();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    String text = document.text();
    int words = tokens.tokenize(text);
    int nonSymbolWords = 0;
    long nonSymbolLength = 0;
    int withLetter = 0;
    int stopWords = 0;
    for (int t = 0; t < words; t++) {
      if (tokens.hasNonPunctuation(t)) {
        nonSymbolWords++;
        nonSymbolLength += tokens.length(t);
      }
      if (tokens.hasLetter(t)) {
        withLetter++;
      }
      if (tokens.equalsAny(t, STOP_WORDS)) {
        stopWords++;
      }
    }
    List<String> failed = new ArrayList<>();
    if (nonSymbolWords < 50) {
      failed.add("gopher_short_doc");
    }
    if (nonSymbolWords > 100_000) {
      failed.add("gopher_long_doc");
    }
    if (nonSymbolWords > 0) {
      double meanLength = nonSymbolLength / (double) nonSymbolWords;
      if (meanLength < 3) {
        failed.add("gopher_below_avg_threshold");
      }
      if (meanLength > 10) {
        failed.add("gopher_above_avg_threshold");
      }
    }
    if (words > 0) {
      if (TextLines.count(text, "#") / (double) words > 0.1) {
        failed.add("gopher_too_many_hashes");
      }
      if ((TextLines.count(text, "...") + TextLines.count(text, "\u2026")) / (double) words > 0.1) {
        failed.add("gopher_too_many_ellipsis");
      }
      if (withLetter / (double) words < 0.8) {
        failed.add("gopher_below_alpha_threshold");
      }
    }
    List<String> lines = TextLines.splitLines(text);
    if (!lines.isEmpty()) {
      int bullets = 0;
      int ellipses = 0;
      for (String line : lines) {
        String left = line.stripLeading();
        if (left.startsWith("\u2022") || left.startsWith("-")) {
          bullets++;
        }
        if (TextLines.endsWithAny(line.stripTrailing(), "...", "\u2026")) {
          ellipses++;
        }
      }
      if (bullets / (double) lines.size() > 0.9) {
        failed.add("gopher_too_many_bullets");
      }
      if (ellipses / (double) lines.size() > 0.3) {
        failed.add("gopher_too_many_end_ellipsis");
      }
    }
    if (stopWords < 2) {
      failed.add("gopher_enough_stop_words");
    }
    return RuleVerdicts.of(failed, text.length());
  }
}
