/*
 * Every rule of the Gopher, C4 and FineWeb baselines on both sides of its threshold: a text that just fails
 * it (the rule is named in the reason) and a negative control just on the other side (the rule is absent).
 * Thresholds and comparisons (<, <=) are datatrove's; the texts are sized so the ratio lands on the boundary.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityRuleDetectorsTest {
  /** 10 words, mean length 4.1, stop words the/and/to. */
  private static final String BASE = "the farmer and the miller walked to the old market";

  private static final GopherThresholds TEN_WORDS =
      GopherThresholds.builder().minDocWords(10).maxDocWords(1000).build();
  private static final String LONG_LINE =
      "The farmers of the valley walked to the old market on the hill.";

  private static void fires(Detector detector, String rule, String text) {
    Verdict verdict = detector.inspect(new Document("d", text));
    assertTrue(
        List.of(verdict.reason().split(",")).contains(rule),
        rule + " should fire: " + verdict.reason());
  }

  private static void holds(Detector detector, String rule, String text) {
    Verdict verdict = detector.inspect(new Document("d", text));
    assertFalse(
        List.of(verdict.reason().split(",")).contains(rule),
        rule + " should not fire: " + verdict.reason());
  }

  private static String lines(int count, String line) {
    return String.join("\n", Collections.nCopies(count, line));
  }

  @Test
  void gopherWordCountsAndLengths() {
    Detector gopher = new GopherQualityDetector(TEN_WORDS);
    holds(gopher, "gopher_short_doc", BASE);
    fires(gopher, "gopher_short_doc", BASE.replace(" old", ""));
    Detector tenAtMost =
        new GopherQualityDetector(
            GopherThresholds.builder().minDocWords(5).maxDocWords(10).build());
    holds(tenAtMost, "gopher_long_doc", BASE);
    fires(tenAtMost, "gopher_long_doc", BASE + " today");
    holds(gopher, "gopher_below_avg_threshold", "the and " + "abc ".repeat(8)); // mean 3.0
    fires(gopher, "gopher_below_avg_threshold", "the to " + "abc ".repeat(8)); // mean 2.9
    Detector five =
        new GopherQualityDetector(
            GopherThresholds.builder().minDocWords(5).maxDocWords(1000).build());
    holds(five, "gopher_above_avg_threshold", "the and " + "abcdefghijkl ".repeat(7)); // mean 10.0
    fires(five, "gopher_above_avg_threshold", "the and " + "abcdefghijklm ".repeat(7)); // mean 10.8
  }

  @Test
  void gopherSymbolsAndLines() {
    Detector gopher = new GopherQualityDetector(TEN_WORDS);
    holds(gopher, "gopher_too_many_hashes", BASE.replace("farmer", "far#mer")); // 1 per 10 words
    fires(
        gopher,
        "gopher_too_many_hashes",
        BASE.replace("farmer", "far#mer").replace("miller", "mil#ler"));
    holds(gopher, "gopher_too_many_ellipsis", BASE + " ..."); // "..." is one word: 1 per 11
    fires(gopher, "gopher_too_many_ellipsis", BASE + " ... ..."); // 2 per 12
    String bullets = lines(9, "- " + BASE);
    holds(gopher, "gopher_too_many_bullets", bullets + "\n" + BASE); // 90%
    fires(gopher, "gopher_too_many_bullets", bullets + "\n\u2022 " + BASE);
    String ellipses = lines(3, BASE + "...");
    holds(gopher, "gopher_too_many_end_ellipsis", ellipses + "\n" + lines(7, BASE)); // 30%
    fires(
        gopher,
        "gopher_too_many_end_ellipsis",
        ellipses + "\n" + BASE + "\u2026\n" + lines(6, BASE));
  }

  @Test
  void gopherAlphaAndStopWords() {
    Detector gopher = new GopherQualityDetector(TEN_WORDS);
    holds(gopher, "gopher_below_alpha_threshold", BASE + " 12 34"); // 10 of 12 words have a letter
    fires(gopher, "gopher_below_alpha_threshold", BASE + " 12 34 56"); // 10 of 13
    // distinct stop words, case-sensitive, since datatrove #329: repeating "the" is one stop word
    fires(
        gopher,
        "gopher_enough_stop_words",
        "the farmer the miller walked over the old market square");
    fires(
        gopher,
        "gopher_enough_stop_words",
        "The farmer And miller walked over The old market square");
    holds(
        gopher,
        "gopher_enough_stop_words",
        "the farmer and miller walked over the old market square");
    Detector three =
        new GopherQualityDetector(
            TEN_WORDS.toBuilder().minStopWords(3).stopWords(Set.of("the", "and", "to")).build());
    holds(three, "gopher_enough_stop_words", BASE);
    fires(three, "gopher_enough_stop_words", BASE.replace(" to ", " by "));
  }

  @Test
  void c4LineFilters() {
    C4QualityDetector c4 = new C4QualityDetector();
    holds(c4, "too_few_sentences", lines(5, "It rained all day."));
    fires(c4, "too_few_sentences", lines(4, "It rained all day.") + "\nIt rained all day");
    fires(c4, "too_few_sentences", lines(4, "It rained all day.") + "\nIt rained all day...");
    holds(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nHe said \"it rained all day.\"");
    fires(c4, "too_few_sentences", lines(4, "It rained all day.") + "\nIt rained."); // 2 words
    holds(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nIt rained hard.[1]"); // citation removed
    fires(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nEnable JavaScript to read more.");
    fires(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nRead our privacy policy here.");
    String longWord = "a".repeat(1000);
    holds(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nThe word " + longWord + " ends.");
    fires(
        c4,
        "too_few_sentences",
        lines(4, "It rained all day.") + "\nThe word " + longWord + "a ends.");
  }

  @Test
  void c4SentencesAreSpacySentences() {
    C4QualityDetector c4 = new C4QualityDetector();
    holds(c4, "too_few_sentences", lines(2, "It rained. We stayed in. The end came."));
    // "Mr.", "Dr." and "St." are single tokens in spaCy, so each line is one sentence, not four
    fires(c4, "too_few_sentences", lines(4, "Mr. Brown and Dr. Green met at St. Paul."));
    WordTokens tokens = new WordTokens();
    tokens.tokenize("One here. Two here! Three here? Mr. Smith said so...");
    assertEquals(4, tokens.sentences(), "spaCy 3.8 counts 4: Mr. ends nothing, ? ends the third");
  }

  @Test
  void c4DocumentDrops() {
    C4QualityDetector c4 = new C4QualityDetector();
    String five = lines(5, "It rained all day.");
    assertEquals(
        "lorem_ipsum",
        c4.inspect(new Document("d", "Lorem ipsum dolor sit amet.\n" + five)).reason());
    holds(
        c4,
        "lorem_ipsum",
        "Lorem ipsum dolor sit amet\n" + five); // not a kept line: no end punctuation
    assertEquals(
        "curly_bracket", c4.inspect(new Document("d", five + "\nThe body { is here.")).reason());
    holds(c4, "curly_bracket", five + "\nThe body { is here");
    Detector off = new C4QualityDetector(C4Thresholds.builder().filterCurlyBracket(false).build());
    holds(off, "curly_bracket", five + "\nThe body { is here.");
  }

  @Test
  void fineWebLineRules() {
    FineWebQualityDetector fineweb = new FineWebQualityDetector();
    String bare = LONG_LINE.replace(".", "");
    holds(
        fineweb,
        "line_punct_ratio",
        lines(3, LONG_LINE) + "\n" + lines(22, bare)); // 12%, not below
    fires(fineweb, "line_punct_ratio", lines(2, LONG_LINE) + "\n" + lines(23, bare)); // 8%
    // quotes are not in datatrove's TERMINAL_PUNCTUATION, and blank lines are not lines
    fires(fineweb, "line_punct_ratio", lines(2, LONG_LINE + "\"") + "\n" + lines(23, bare));
    holds(fineweb, "line_punct_ratio", lines(3, LONG_LINE) + "\n\n\n\n" + lines(22, bare));
    holds(
        fineweb,
        "short_line_ratio",
        lines(2, "It rained.") + "\n" + LONG_LINE); // 2/3 = 0.667 < 0.67
    fires(fineweb, "short_line_ratio", lines(3, "It rained.") + "\n" + LONG_LINE); // 0.75
    holds(fineweb, "short_line_ratio", LONG_LINE + "\n\n\n\n" + LONG_LINE.replace("hill", "dale"));
  }

  @Test
  void fineWebDuplicatesAndLists() {
    FineWebQualityDetector fineweb = new FineWebQualityDetector();
    String repeat = "It rained."; // 10 characters, repeated once
    String filler = (LONG_LINE + " ").repeat(16); // 16 x 64 = 1024 characters
    holds(
        fineweb,
        "char_dup_ratio",
        repeat + "\n" + repeat + "\n" + filler.substring(0, 980)); // 10 / 1000
    fires(
        fineweb,
        "char_dup_ratio",
        repeat + "\n" + repeat + "\n" + filler.substring(0, 979)); // 10 / 999
    String tenWords = "one two three four five six seven eight nine ten"; // 10 words
    holds(
        fineweb,
        "list_ratio",
        tenWords + "\n" + tenWords.replace("one", "uno") + "\n" + "a b c d e f g h i j");
    Detector third = new FineWebQualityDetector(FineWebThresholds.DATATROVE.withNewLineRatio(0.1));
    holds(
        third,
        "list_ratio",
        tenWords + ".\n" + tenWords.replace("one", "uno") + "."); // 1 per 22 words
    fires(third, "list_ratio", "one two.\nthree four.\nfive six."); // 2 per 9
    assertEquals("empty", fineweb.inspect(new Document("d", " \n\t\n")).reason());
  }
}
