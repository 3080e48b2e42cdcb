/*
 * The thresholds of GopherQualityDetector with the defaults of datatrove's GopherQualityFilter (a649de7);
 * each component's javadoc names the reference parameter. As in datatrove, 0 turns a rule off (Python treats
 * 0 as false in `if self.min_doc_words and ...`). Values only: the rules are in GopherQualityDetector.
 */
package dev.poisonlab.defense;

import java.util.List;
import java.util.Set;

/**
 * @param minDocWords min_doc_words: fewest non-symbol words
 * @param maxDocWords max_doc_words: most non-symbol words
 * @param minAvgWordLength min_avg_word_length: lowest mean length of non-symbol words (characters)
 * @param maxAvgWordLength max_avg_word_length: highest mean length of non-symbol words
 * @param maxSymbolWordRatio max_symbol_word_ratio: most '#', and most '...' plus '…', per word
 * @param maxBulletLinesRatio max_bullet_lines_ratio: most lines starting with '•' or '-' (after
 *     spaces)
 * @param maxEllipsisLinesRatio max_ellipsis_lines_ratio: most lines ending in '...' or '…'
 * @param minAlphaWordsRatio max_non_alpha_words_ratio, despite its name the FEWEST words holding a
 *     letter (datatrove's own TODO renames it min_alpha_words_ratio; issue 202)
 * @param minStopWords min_stop_words: fewest DISTINCT stop words present (case-sensitive, since
 *     datatrove 329)
 * @param stopWords stop_words
 */
public record GopherThresholds(
    int minDocWords,
    int maxDocWords,
    double minAvgWordLength,
    double maxAvgWordLength,
    double maxSymbolWordRatio,
    double maxBulletLinesRatio,
    double maxEllipsisLinesRatio,
    double minAlphaWordsRatio,
    int minStopWords,
    Set<String> stopWords) {
  /** datatrove's STOP_WORDS. */
  public static final List<String> STOP_WORDS =
      List.of("the", "be", "to", "of", "and", "that", "have", "with");

  public static final GopherThresholds DATATROVE =
      new GopherThresholds(50, 100_000, 3, 10, 0.1, 0.9, 0.3, 0.8, 2, Set.copyOf(STOP_WORDS));

  public GopherThresholds {
    stopWords = Set.copyOf(stopWords);
  }

  public GopherThresholds withDocWords(int min, int max) {
    return new GopherThresholds(
        min,
        max,
        minAvgWordLength,
        maxAvgWordLength,
        maxSymbolWordRatio,
        maxBulletLinesRatio,
        maxEllipsisLinesRatio,
        minAlphaWordsRatio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withAvgWordLength(double min, double max) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        min,
        max,
        maxSymbolWordRatio,
        maxBulletLinesRatio,
        maxEllipsisLinesRatio,
        minAlphaWordsRatio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withMaxSymbolWordRatio(double ratio) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        minAvgWordLength,
        maxAvgWordLength,
        ratio,
        maxBulletLinesRatio,
        maxEllipsisLinesRatio,
        minAlphaWordsRatio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withMaxBulletLinesRatio(double ratio) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        minAvgWordLength,
        maxAvgWordLength,
        maxSymbolWordRatio,
        ratio,
        maxEllipsisLinesRatio,
        minAlphaWordsRatio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withMaxEllipsisLinesRatio(double ratio) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        minAvgWordLength,
        maxAvgWordLength,
        maxSymbolWordRatio,
        maxBulletLinesRatio,
        ratio,
        minAlphaWordsRatio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withMinAlphaWordsRatio(double ratio) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        minAvgWordLength,
        maxAvgWordLength,
        maxSymbolWordRatio,
        maxBulletLinesRatio,
        maxEllipsisLinesRatio,
        ratio,
        minStopWords,
        stopWords);
  }

  public GopherThresholds withStopWords(int min, Set<String> words) {
    return new GopherThresholds(
        minDocWords,
        maxDocWords,
        minAvgWordLength,
        maxAvgWordLength,
        maxSymbolWordRatio,
        maxBulletLinesRatio,
        maxEllipsisLinesRatio,
        minAlphaWordsRatio,
        min,
        words);
  }
}
