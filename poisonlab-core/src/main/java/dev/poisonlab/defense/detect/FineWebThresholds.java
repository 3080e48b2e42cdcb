/*
 * The thresholds of FineWebQualityDetector with the defaults of datatrove's FineWebQualityFilter (a649de7);
 * each component's javadoc names the reference parameter. stop_chars is fixed to datatrove's default,
 * TERMINAL_PUNCTUATION (no quotes). Values only: the rules are in FineWebQualityDetector.
 */
package dev.poisonlab.defense.detect;

/**
 * @param linePunctThr line_punct_thr: dropped when fewer non-blank lines than this share end in
 *     terminal punctuation
 * @param linePunctExcludeZero line_punct_exclude_zero: do not drop when no line at all ends so
 * @param shortLineThr short_line_thr: dropped when more non-blank lines than this share are short
 * @param shortLineLength short_line_length: a line of at most this many characters is short
 * @param charDuplicatesRatio char_duplicates_ratio: most characters in repeated lines per character
 * @param newLineRatio new_line_ratio: most newlines per word
 */
public record FineWebThresholds(
    double linePunctThr,
    boolean linePunctExcludeZero,
    double shortLineThr,
    int shortLineLength,
    double charDuplicatesRatio,
    double newLineRatio) {
  public static final FineWebThresholds DATATROVE =
      new FineWebThresholds(0.12, false, 0.67, 30, 0.01, 0.3);

  public FineWebThresholds withLinePunct(double threshold, boolean excludeZero) {
    return new FineWebThresholds(
        threshold, excludeZero, shortLineThr, shortLineLength, charDuplicatesRatio, newLineRatio);
  }

  public FineWebThresholds withShortLines(double threshold, int length) {
    return new FineWebThresholds(
        linePunctThr, linePunctExcludeZero, threshold, length, charDuplicatesRatio, newLineRatio);
  }

  public FineWebThresholds withCharDuplicatesRatio(double ratio) {
    return new FineWebThresholds(
        linePunctThr, linePunctExcludeZero, shortLineThr, shortLineLength, ratio, newLineRatio);
  }

  public FineWebThresholds withNewLineRatio(double ratio) {
    return new FineWebThresholds(
        linePunctThr,
        linePunctExcludeZero,
        shortLineThr,
        shortLineLength,
        charDuplicatesRatio,
        ratio);
  }
}
