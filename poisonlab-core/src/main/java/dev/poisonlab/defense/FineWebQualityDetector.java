/*
 * Baseline: the FineWeb quality rules (Penedo et al. 2024) with datatrove's FineWebQualityFilter thresholds
 * (commit 5c254fa): lines ending in . ' " ! ? must be more than 12%, lines of <= 30 chars fewer than 67%,
 * characters in duplicated lines below 1% and newlines per word at most 0.3. All rules are evaluated; score
 * = rules failed, span = the whole document.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class FineWebQualityDetector implements Detector {
  public static final String NAME = "fineweb";

  private final WordTokens tokens = new WordTokens();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    String text = document.text();
    List<String> lines = TextLines.splitNewline(text);
    List<String> failed = new ArrayList<>();
    int punctuated = 0;
    int shortLines = 0;
    for (String line : lines) {
      if (TextLines.endsWithAny(line, ".", "'", "\"", "!", "?")) {
        punctuated++;
      }
      if (line.length() <= 30) {
        shortLines++;
      }
    }
    if (punctuated / (double) lines.size() <= 0.12) {
      failed.add("line_punct_ratio");
    }
    if (shortLines / (double) lines.size() >= 0.67) {
      failed.add("short_line_ratio");
    }
    int newlines = lines.size() - 1;
    int charsWithoutNewlines = text.length() - newlines;
    if (charsWithoutNewlines > 0 && duplicateLineChars(lines) / (double) charsWithoutNewlines >= 0.01) {
      failed.add("char_dup_ratio");
    }
    int words = tokens.tokenize(text);
    if (words > 0 && newlines / (double) words > 0.3) {
      failed.add("list_ratio");
    }
    return RuleVerdicts.of(failed, text.length());
  }

  /** Characters in non-empty lines that repeat an earlier line (datatrove's find_duplicates). */
  private static long duplicateLineChars(List<String> lines) {
    Set<String> seen = new HashSet<>();
    long duplicated = 0;
    for (String line : lines) {
      if (!line.isBlank() && !seen.add(line)) {
        duplicated += line.length();
      }
    }
    return duplicated;
  }
}
