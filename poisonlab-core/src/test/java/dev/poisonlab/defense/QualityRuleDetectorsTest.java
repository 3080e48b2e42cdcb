/*
 * The Gopher, C4 and FineWeb baselines on hand-made documents: a well-formed paragraph passes all three, and
 * each rule under test fires on a document built to break it (and names itself in the reason).
 */
package dev.poisonlab.defense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Document;
import org.junit.jupiter.api.Test;

class QualityRuleDetectorsTest {
  private static final String GOOD = String.join("\n",
      "The history of the valley is long, and the people who have lived there remember it well.",
      "Farmers came first, and with them the roads that still cross the hills to the river.",
      "Later the town grew around the mill, which gave work to most of the families in the area.",
      "Today the mill is a museum, and visitors walk through the rooms where the grain was ground.",
      "The school, the church and the market stand where they stood a hundred years ago.",
      "Every summer the town holds a fair to celebrate the harvest and the work of its people.");

  private static Verdict judge(Detector detector, String text) {
    return detector.inspect(new Document("d", text));
  }

  @Test
  void aWellFormedParagraphPassesAllBaselines() {
    for (Detector detector : new Detector[] {
        new GopherQualityDetector(), new C4QualityDetector(), new FineWebQualityDetector()}) {
      Verdict verdict = judge(detector, GOOD);
      assertFalse(verdict.flagged(), detector.name() + ": " + verdict.reason());
      assertEquals(0.0, verdict.score());
    }
  }

  @Test
  void gopherRules() {
    GopherQualityDetector gopher = new GopherQualityDetector();
    assertTrue(judge(gopher, "Too short to be a document.").reason().contains("gopher_short_doc"));
    assertTrue(judge(gopher, GOOD.replace(" the ", " # ")).reason().contains("gopher_too_many_hashes"));
    String noStopWords = GOOD.replaceAll("\\b(the|be|to|of|and|that|have|with)\\b", "x");
    assertTrue(judge(gopher, noStopWords).reason().contains("gopher_enough_stop_words"));
    String numbers = "12 34 56 78 90 ".repeat(20) + GOOD;
    assertTrue(judge(gopher, numbers).reason().contains("gopher_below_alpha_threshold"));
    Verdict flagged = judge(gopher, "Too short.");
    assertEquals(0, flagged.spanStart());
    assertEquals("Too short.".length(), flagged.spanEnd(), "document-level rules flag the whole document");
  }

  @Test
  void c4Rules() {
    C4QualityDetector c4 = new C4QualityDetector();
    assertEquals("curly_bracket", judge(c4, GOOD + "\nThe function body is { return x; } in the end.").reason());
    assertEquals("lorem_ipsum", judge(c4, "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" + GOOD).reason());
    assertEquals("too_few_sentences", judge(c4, GOOD.replace(".", "")).reason(), "no line ends in punctuation");
    assertFalse(judge(c4, GOOD + "\n{ a line without terminal punctuation is dropped before the bracket check").flagged());
    assertEquals(3, C4QualityDetector.countSentences("One here. Two here! Three here?"));
  }

  @Test
  void fineWebRules() {
    FineWebQualityDetector fineweb = new FineWebQualityDetector();
    String list = "apples\npears\nplums\ncherries\ngrapes\nlemons\nlimes\n".repeat(2) + GOOD;
    Verdict listVerdict = judge(fineweb, list);
    assertTrue(listVerdict.reason().contains("short_line_ratio"), listVerdict.reason());
    String repeated = GOOD + "\n" + GOOD.lines().findFirst().orElseThrow();
    assertEquals("char_dup_ratio", judge(fineweb, repeated).reason());
    Verdict unpunctuated = judge(fineweb, GOOD.replace(".", ""));
    assertTrue(unpunctuated.reason().contains("line_punct_ratio"), unpunctuated.reason());
  }
}
