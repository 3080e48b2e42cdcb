/*
 * The settings of C4QualityDetector with the defaults of datatrove's C4QualityFilter (a649de7); each
 * component's javadoc names the reference parameter, and -1 disables a count as there. split_paragraph=False
 * (sentences instead of lines) is not offered. Values only: the rules are in C4QualityDetector.
 */
package dev.poisonlab.defense.detect;

/**
 * @param removeCitations remove_citations: drop [1], [edit], [citation needed] before the
 *     punctuation test
 * @param filterNoTerminalPunct filter_no_terminal_punct: drop lines not ending in . ? ! " ' (or
 *     ending in ...)
 * @param minNumSentences min_num_sentences: fewest sentences in kept lines; -1 disables
 * @param minWordsPerLine min_words_per_line: drop lines with fewer whitespace-separated words
 * @param maxWordLength max_word_length: drop lines holding a longer word; -1 disables
 * @param filterLoremIpsum filter_lorem_ipsum: drop the document when a kept line says "lorem ipsum"
 * @param filterJavascript filter_javascript: drop lines mentioning "javascript"
 * @param filterCurlyBracket filter_curly_bracket: drop the document when a kept line holds '{'
 * @param filterPolicy filter_policy: drop lines with a terms-of-use or cookie phrase
 */
public record C4Thresholds(
    boolean removeCitations,
    boolean filterNoTerminalPunct,
    int minNumSentences,
    int minWordsPerLine,
    int maxWordLength,
    boolean filterLoremIpsum,
    boolean filterJavascript,
    boolean filterCurlyBracket,
    boolean filterPolicy) {
  /** datatrove's defaults. */
  public static final C4Thresholds DATATROVE = builder().build();

  /** A builder holding datatrove's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these thresholds, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .removeCitations(removeCitations)
        .filterNoTerminalPunct(filterNoTerminalPunct)
        .minNumSentences(minNumSentences)
        .minWordsPerLine(minWordsPerLine)
        .maxWordLength(maxWordLength)
        .filterLoremIpsum(filterLoremIpsum)
        .filterJavascript(filterJavascript)
        .filterCurlyBracket(filterCurlyBracket)
        .filterPolicy(filterPolicy);
  }

  /** Named settings, each starting at datatrove's default. */
  public static final class Builder {
    private boolean removeCitations = true;
    private boolean filterNoTerminalPunct = true;
    private int minNumSentences = 5;
    private int minWordsPerLine = 3;
    private int maxWordLength = 1000;
    private boolean filterLoremIpsum = true;
    private boolean filterJavascript = true;
    private boolean filterCurlyBracket = true;
    private boolean filterPolicy = true;

    private Builder() {}

    public Builder removeCitations(boolean remove) {
      this.removeCitations = remove;
      return this;
    }

    public Builder filterNoTerminalPunct(boolean filter) {
      this.filterNoTerminalPunct = filter;
      return this;
    }

    public Builder minNumSentences(int sentences) {
      this.minNumSentences = sentences;
      return this;
    }

    public Builder minWordsPerLine(int words) {
      this.minWordsPerLine = words;
      return this;
    }

    public Builder maxWordLength(int characters) {
      this.maxWordLength = characters;
      return this;
    }

    public Builder filterLoremIpsum(boolean filter) {
      this.filterLoremIpsum = filter;
      return this;
    }

    public Builder filterJavascript(boolean filter) {
      this.filterJavascript = filter;
      return this;
    }

    public Builder filterCurlyBracket(boolean filter) {
      this.filterCurlyBracket = filter;
      return this;
    }

    public Builder filterPolicy(boolean filter) {
      this.filterPolicy = filter;
      return this;
    }

    public C4Thresholds build() {
      return new C4Thresholds(
          removeCitations,
          filterNoTerminalPunct,
          minNumSentences,
          minWordsPerLine,
          maxWordLength,
          filterLoremIpsum,
          filterJavascript,
          filterCurlyBracket,
          filterPolicy);
    }
  }
}
