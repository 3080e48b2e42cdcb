/*
 * datatrove's own test examples for the three filters (tests/pipeline/filters/test_filters.py at a649de7),
 * ported with their settings: same texts, same keep/drop verdicts, same reason names. poisonlab evaluates
 * every rule, so "reason" here is the first rule failed, the one datatrove returns.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import org.junit.jupiter.api.Test;

class DatatroveFilterExamplesTest {
  static final String TEXT_LF_1 =
      "I wish it need not have happened in my time,' said Frodo. 'So do I,' said Gandalf, "
          + "'and so do all who live to see such times. But that is not for them to decide. All we have to decide is "
          + "what to do with the time that is given us.'";

  static String firstReason(Detector detector, String text) {
    Verdict verdict = detector.inspect(new Document("d", text));
    return verdict.flagged() ? QualityFalsePositives.firstRule(verdict.reason()) : "kept";
  }

  @Test
  void gopherQuality() {
    Detector gopher =
        new GopherQualityDetector(
            GopherThresholds.builder().minDocWords(10).maxDocWords(1000).build());
    assertEquals("gopher_short_doc", firstReason(gopher, "I am too small..."));
    assertEquals("gopher_below_avg_threshold", firstReason(gopher, "I am ".repeat(20)));
    assertEquals("gopher_above_avg_threshold", firstReason(gopher, "interconnection ".repeat(20)));
    assertEquals("gopher_too_many_hashes", firstReason(gopher, "# comment ".repeat(20)));
    assertEquals("gopher_too_many_ellipsis", firstReason(gopher, "... comment ".repeat(20)));
    String symbols =
        "the ./!*?<><> apple <?////> orange  ++ interconnection !<>??? have".repeat(20);
    assertEquals("gopher_below_alpha_threshold", firstReason(gopher, symbols));
    assertEquals("kept", firstReason(gopher, TEXT_LF_1));
  }

  @Test
  void c4KeepsQualityText() {
    String good =
        String.join(
            "\n",
            "This is a well-written paragraph with several sentences.",
            "The content continues with more good information here.",
            "Another important point is being made in this line.",
            "We can see that this document has quality content.",
            "Finally, the conclusion wraps everything up nicely.",
            "An additional sentence to ensure we pass the threshold.");
    assertEquals("kept", firstReason(new C4QualityDetector(), good));
  }

  @Test
  void c4RejectsLoremIpsumCurlyBracketAndTooFewSentences() {
    String lorem =
        String.join(
            "\n",
            "This is a sentence with lorem ipsum dolor sit amet.",
            "Another sentence with proper punctuation.",
            "More content to fill out the document.",
            "Even more content is needed to pass the check.",
            "The final sentence of the document.");
    String curly =
        String.join(
            "\n",
            "This is some code with a { bracket.",
            "Another sentence follows this one.",
            "More content to fill out the document.",
            "Even more content is needed to pass.",
            "The final sentence of the document.");
    C4QualityDetector c4 = new C4QualityDetector();
    assertEquals("lorem_ipsum", firstReason(c4, lorem));
    assertEquals("curly_bracket", firstReason(c4, curly));
    assertEquals("too_few_sentences", firstReason(c4, "Just one sentence."));
  }

  @Test
  void c4PolicyLinesDoNotCount() {
    // datatrove's test checks that the policy line leaves the text; a detector keeps text, so count
    // instead
    C4Thresholds two = C4Thresholds.builder().minNumSentences(2).minWordsPerLine(-1).build();
    String text = "This site uses cookies for tracking.\nAnother valid line here today.";
    assertEquals("too_few_sentences", firstReason(new C4QualityDetector(two), text));
    assertEquals(
        "kept", firstReason(new C4QualityDetector(two), text.replace("uses cookies", "has pages")));
  }

  @Test
  void fineWebQuality() {
    assertEquals("empty", firstReason(new FineWebQualityDetector(), ""));
    FineWebThresholds half = FineWebThresholds.DATATROVE.withLinePunct(0.5, false);
    assertEquals(
        "line_punct_ratio",
        firstReason(
            new FineWebQualityDetector(half),
            "No punctuation here\nAnother line without any\nStill nothing"));
    FineWebThresholds shortLines =
        FineWebThresholds.DATATROVE.withShortLines(0.5, 30).withLinePunct(0.0, false);
    assertEquals(
        "short_line_ratio",
        firstReason(new FineWebQualityDetector(shortLines), "hi.\nbye.\nok.\nno.\nyes."));
    String good =
        String.join(
            "\n",
            "This is a well-written paragraph that ends with proper punctuation.",
            "The content here is substantial and has meaningful information.",
            "Quality filtering ensures that only the best documents pass through.",
            "Each line here is long enough and ends with a terminal punctuation mark.",
            "This document should pass all the quality checks applied by the filter.");
    assertEquals("kept", firstReason(new FineWebQualityDetector(), good));
    Detector lists = new FineWebQualityDetector(FineWebThresholds.DATATROVE.withNewLineRatio(0.1));
    assertTrue(
        lists
            .inspect(new Document("d", String.join("\n", java.util.Collections.nCopies(50, "a"))))
            .flagged());
    assertFalse(lists.inspect(new Document("d", good)).flagged());
  }
}
