/*
 * Baseline: the FineWeb quality rules (Penedo et al. 2024) as datatrove's FineWebQualityFilter (a649de7)
 * applies them, thresholds in FineWebThresholds. Lines are the non-blank pieces of text.split("\n"); a
 * document without one is "empty". All rules are evaluated: score = rules failed, reason = their names in
 * datatrove's order (the first is the one datatrove reports). Not the 2024 filter that built FineWeb itself,
 * which counted blank lines and quotes and used <= / >=: docs/defense.md lists the differences.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class FineWebQualityDetector implements Detector {
  public static final String NAME = "fineweb";

  private final FineWebThresholds thresholds;
  private final WordTokens tokens = new WordTokens();

  public FineWebQualityDetector() {
    this(FineWebThresholds.DATATROVE);
  }

  public FineWebQualityDetector(FineWebThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict inspect(Document document) {
    FineWebThresholds t = thresholds;
    String text = document.text();
    List<String> lines = new ArrayList<>();
    for (String line : TextLines.splitNewline(text)) {
      if (!TextLines.strip(line).isEmpty()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return RuleVerdicts.of(List.of("empty"), text.length());
    }
    int punctuated = 0;
    int shortLines = 0;
    for (String line : lines) {
      if (endsInTerminalPunctuation(line)) {
        punctuated++;
      }
      if (line.codePointCount(0, line.length()) <= t.shortLineLength()) {
        shortLines++;
      }
    }
    List<String> failed = new ArrayList<>();
    double punctRatio = punctuated / (double) lines.size();
    if (punctRatio < t.linePunctThr() && !(punctRatio == 0 && t.linePunctExcludeZero())) {
      failed.add("line_punct_ratio");
    }
    if (shortLines / (double) lines.size() > t.shortLineThr()) {
      failed.add("short_line_ratio");
    }
    int newlines = TextLines.count(text, "\n");
    int charsWithoutNewlines = text.codePointCount(0, text.length()) - newlines;
    if (duplicateLineChars(lines) / (double) charsWithoutNewlines > t.charDuplicatesRatio()) {
      failed.add("char_dup_ratio");
    }
    int words = tokens.tokenize(text);
    // datatrove divides by zero here; a text of lines but no words is all list
    if (words == 0 ? newlines > 0 : newlines / (double) words > t.newLineRatio()) {
      failed.add("list_ratio");
    }
    return RuleVerdicts.of(failed, text.length());
  }

  private static boolean endsInTerminalPunctuation(String line) {
    return DatatrovePunctuation.isTerminal(line.codePointBefore(line.length()));
  }

  /**
   * Characters (code points) in lines that repeat an earlier line: datatrove's
   * find_duplicates(lines)[1].
   */
  private static long duplicateLineChars(List<String> lines) {
    Set<String> seen = new HashSet<>();
    long duplicated = 0;
    for (String line : lines) {
      if (!seen.add(line)) {
        duplicated += line.codePointCount(0, line.length());
      }
    }
    return duplicated;
  }
}
