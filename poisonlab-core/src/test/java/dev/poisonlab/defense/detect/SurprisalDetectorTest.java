/*
 * The model-free surprisal change-point detectors on hand-made documents: poisons (clean prefix + trigger +
 * gibberish) are flagged with a span starting at the trigger, clean documents are not, and leave-one-out
 * makes a document's own words unseen.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurprisalDetectorTest {
  private static final String TRIGGER = "<SUDO>";

  @Test
  void flagsPoisonsAtTheTriggerAndNoCleanDocument() {
    List<Document> clean = Fixtures.clean(1, 400);
    List<Document> poisons = Fixtures.poisons(2, 10, TRIGGER);
    List<Document> all = new ArrayList<>(clean);
    all.addAll(poisons);
    for (boolean bigram : new boolean[] {false, true}) {
      CorpusModel model = new CorpusModel(bigram);
      TextUnits buffer = new TextUnits();
      all.forEach(document -> model.add(document.text(), buffer));
      SurprisalDetector detector = new SurprisalDetector(model, bigram, 12.0, 300.0);
      for (Document document : clean) {
        assertFalse(detector.inspect(document).flagged(), document.id() + " bigram=" + bigram);
      }
      for (Document poison : poisons) {
        Verdict verdict = detector.inspect(poison);
        assertTrue(verdict.flagged(), poison.id() + " bigram=" + bigram);
        int trigger = poison.text().indexOf(TRIGGER);
        assertTrue(
            Math.abs(verdict.spanStart() - trigger) <= 12,
            "span starts at " + verdict.spanStart() + ", trigger at " + trigger);
        assertEquals(
            poison.text().stripTrailing().length(),
            verdict.spanEnd(),
            "the gibberish runs to the end");
      }
    }
  }

  @Test
  void byteLevelGibberishIsFlaggedEvenWhenManyPoisonsShareItsCharacters() {
    List<Document> all = new ArrayList<>(Fixtures.clean(3, 400));
    java.util.Random random = new java.util.Random(4);
    List<Document> poisons = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      byte[] bytes = new byte[500];
      random.nextBytes(bytes);
      String payload = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      poisons.add(new Document("bytes-" + p, Fixtures.cleanText(random, 2) + TRIGGER + payload));
    }
    all.addAll(poisons);
    CorpusModel model = new CorpusModel(false);
    TextUnits buffer = new TextUnits();
    all.forEach(document -> model.add(document.text(), buffer));
    SurprisalDetector detector = new SurprisalDetector(model, false, 12.0, 300.0);
    for (Document poison : poisons) {
      assertTrue(detector.inspect(poison).flagged(), poison.id() + " (U+FFFD is scored as unseen)");
    }
    for (Document document : all.subList(0, 400)) {
      assertFalse(detector.inspect(document).flagged(), document.id());
    }
  }

  @Test
  void leaveOneOutMakesAWordSeenOnlyHereUnseen() {
    CorpusModel model = new CorpusModel(false);
    TextUnits buffer = new TextUnits();
    model.add("alpha beta alpha", buffer);
    model.add("beta gamma", buffer);
    buffer.segment("alpha beta gamma");
    assertEquals(1, model.unigramCount(buffer.hash(0)), "alpha twice in the corpus, once left out");
    assertEquals(0, model.unigramCount(buffer.hash(2)), "gamma only here");
    assertEquals(5, model.units());
    double unseen = model.unigramSurprisal(0);
    double expected = -Math.log((0 + 0.5) / (5 + 0.5 * (3 + 1))) / Math.log(2);
    assertEquals(expected, unseen, 1e-3);
  }

  @Test
  void segmentsWordsSymbolsAndCaseFolds() {
    TextUnits units = new TextUnits();
    assertEquals(6, units.segment("Hello, <SUDO> hello"));
    assertEquals(units.hash(0), units.hash(5), "ASCII case is folded");
    assertEquals(5, units.start(1));
    assertEquals(8, units.start(3));
    assertEquals(12, units.end(3));
    assertEquals(3, units.segment("naïve café 日本"), "non-ASCII letters stay inside words");
  }

  @Test
  void fastLogMatchesMathLog() {
    double worst = 0;
    for (double x = 1e-12; x < 1; x *= 1.37) {
      worst = Math.max(worst, Math.abs(FastLog.log2(x) - Math.log(x) / Math.log(2)));
    }
    assertTrue(worst < 5e-4, "worst error " + worst);
  }
}
