/*
 * The settings of C4QualityDetector with the defaults of datatrove's C4QualityFilter (a649de7); each
 * component's javadoc names the reference parameter, and -1 disables a count as there. split_paragraph=False
 * (sentences instead of lines) is not offered. Values only: the rules are in C4QualityDetector.
 */
package dev.poisonlab.defense;

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
  public static final C4Thresholds DATATROVE =
      new C4Thresholds(true, true, 5, 3, 1000, true, true, true, true);

  public C4Thresholds withMinNumSentences(int sentences) {
    return new C4Thresholds(
        removeCitations,
        filterNoTerminalPunct,
        sentences,
        minWordsPerLine,
        maxWordLength,
        filterLoremIpsum,
        filterJavascript,
        filterCurlyBracket,
        filterPolicy);
  }

  public C4Thresholds withMinWordsPerLine(int words) {
    return new C4Thresholds(
        removeCitations,
        filterNoTerminalPunct,
        minNumSentences,
        words,
        maxWordLength,
        filterLoremIpsum,
        filterJavascript,
        filterCurlyBracket,
        filterPolicy);
  }

  public C4Thresholds withMaxWordLength(int characters) {
    return new C4Thresholds(
        removeCitations,
        filterNoTerminalPunct,
        minNumSentences,
        minWordsPerLine,
        characters,
        filterLoremIpsum,
        filterJavascript,
        filterCurlyBracket,
        filterPolicy);
  }

  public C4Thresholds withFilters(
      boolean loremIpsum, boolean javascript, boolean curlyBracket, boolean policy) {
    return new C4Thresholds(
        removeCitations,
        filterNoTerminalPunct,
        minNumSentences,
        minWordsPerLine,
        maxWordLength,
        loremIpsum,
        javascript,
        curlyBracket,
        policy);
  }

  public C4Thresholds withLineCleaning(boolean citations, boolean noTerminalPunct) {
    return new C4Thresholds(
        citations,
        noTerminalPunct,
        minNumSentences,
        minWordsPerLine,
        maxWordLength,
        filterLoremIpsum,
        filterJavascript,
        filterCurlyBracket,
        filterPolicy);
  }
}
