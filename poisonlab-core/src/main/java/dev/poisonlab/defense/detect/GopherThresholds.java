/*
 * The thresholds of GopherQualityDetector with the defaults of datatrove's GopherQualityFilter (a649de7);
 * each component's javadoc names the reference parameter. As in datatrove, 0 turns a rule off (Python treats
 * 0 as false in `if self.min_doc_words and ...`). Values only: the rules are in GopherQualityDetector.
 */
package dev.poisonlab.defense.detect;

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

  /** datatrove's defaults. */
  public static final GopherThresholds DATATROVE = builder().build();

  public GopherThresholds {
    stopWords = Set.copyOf(stopWords);
  }

  /** A builder holding datatrove's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these thresholds, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .minDocWords(minDocWords)
        .maxDocWords(maxDocWords)
        .minAvgWordLength(minAvgWordLength)
        .maxAvgWordLength(maxAvgWordLength)
        .maxSymbolWordRatio(maxSymbolWordRatio)
        .maxBulletLinesRatio(maxBulletLinesRatio)
        .maxEllipsisLinesRatio(maxEllipsisLinesRatio)
        .minAlphaWordsRatio(minAlphaWordsRatio)
        .minStopWords(minStopWords)
        .stopWords(stopWords);
  }

  /** Named settings, each starting at datatrove's default. */
  public static final class Builder {
    private int minDocWords = 50;
    private int maxDocWords = 100_000;
    private double minAvgWordLength = 3;
    private double maxAvgWordLength = 10;
    private double maxSymbolWordRatio = 0.1;
    private double maxBulletLinesRatio = 0.9;
    private double maxEllipsisLinesRatio = 0.3;
    private double minAlphaWordsRatio = 0.8;
    private int minStopWords = 2;
    private Set<String> stopWords = Set.copyOf(STOP_WORDS);

    private Builder() {}

    public Builder minDocWords(int words) {
      this.minDocWords = words;
      return this;
    }

    public Builder maxDocWords(int words) {
      this.maxDocWords = words;
      return this;
    }

    public Builder minAvgWordLength(double characters) {
      this.minAvgWordLength = characters;
      return this;
    }

    public Builder maxAvgWordLength(double characters) {
      this.maxAvgWordLength = characters;
      return this;
    }

    public Builder maxSymbolWordRatio(double ratio) {
      this.maxSymbolWordRatio = ratio;
      return this;
    }

    public Builder maxBulletLinesRatio(double ratio) {
      this.maxBulletLinesRatio = ratio;
      return this;
    }

    public Builder maxEllipsisLinesRatio(double ratio) {
      this.maxEllipsisLinesRatio = ratio;
      return this;
    }

    public Builder minAlphaWordsRatio(double ratio) {
      this.minAlphaWordsRatio = ratio;
      return this;
    }

    public Builder minStopWords(int words) {
      this.minStopWords = words;
      return this;
    }

    public Builder stopWords(Set<String> words) {
      this.stopWords = words;
      return this;
    }

    public GopherThresholds build() {
      return new GopherThresholds(
          minDocWords,
          maxDocWords,
          minAvgWordLength,
          maxAvgWordLength,
          maxSymbolWordRatio,
          maxBulletLinesRatio,
          maxEllipsisLinesRatio,
          minAlphaWordsRatio,
          minStopWords,
          stopWords);
    }
  }
}
