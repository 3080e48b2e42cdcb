/*
 * Calibrated thresholds for the surprisal detectors (--surprisal-spreads): short gibberish payloads that never
 * reach the fixed min-excess are flagged once the threshold follows the corpus's own scores, clean documents
 * stay unflagged, the threshold is min(minExcess, max(20, Q90 + S x (Q90 - Q50))) of the sample, and the
 * default (spreads 0) is the old fixed verdict.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurprisalCalibrationTest {
  private static final double TAU = 12.0;
  private static final double MIN_EXCESS = 300.0;

  /**
   * 400 clean fixture documents with one rare word each in 40 of them, + 20 poisons of 12-19
   * gibberish words.
   */
  private static List<Document> corpus(List<Document> poisons) {
    Random random = new Random(21);
    List<Document> all = new ArrayList<>();
    List<Document> clean = Fixtures.clean(20, 400);
    for (int i = 0; i < clean.size(); i++) {
      String text = clean.get(i).text();
      // a spread of clean scores, so Q90 - Q50 is not zero: every tenth document holds one invented
      // word
      all.add(
          new Document(
              clean.get(i).id(), i % 10 == 0 ? text + " " + Fixtures.gibberish(random, 1) : text));
    }
    for (int p = 0; p < 20; p++) {
      String prefix = Fixtures.cleanText(random, 2);
      poisons.add(
          new Document(
              "short-" + p,
              prefix + " <SUDO> " + Fixtures.gibberish(random, 12 + random.nextInt(8))));
    }
    all.addAll(poisons);
    return all;
  }

  private static CorpusModel model(List<Document> all, boolean bigram) {
    CorpusModel model = new CorpusModel(bigram, false, true);
    TextUnits buffer = new TextUnits();
    all.forEach(document -> model.add(document.text(), buffer));
    return model;
  }

  @Test
  void calibratedThresholdFlagsShortPayloadsTheFixedOneMisses() {
    List<Document> poisons = new ArrayList<>();
    List<Document> all = corpus(poisons);
    List<Document> clean = all.subList(0, 400);
    for (boolean bigram : new boolean[] {false, true}) {
      CorpusModel model = model(all, bigram);
      SurprisalDetector fixed = new SurprisalDetector(model, bigram, TAU, MIN_EXCESS);
      SurprisalDetector calibrated = new SurprisalDetector(model, bigram, TAU, MIN_EXCESS, 2.5);
      assertEquals(MIN_EXCESS, fixed.threshold());
      double[] scores =
          all.stream().mapToDouble(document -> fixed.inspect(document).score()).toArray();
      double expected = Math.min(MIN_EXCESS, Math.max(20, CalibratedThreshold.of(scores, 2.5)));
      assertEquals(expected, calibrated.threshold(), 1e-9, "the sample holds every document here");
      assertTrue(calibrated.threshold() < MIN_EXCESS, "calibrated " + calibrated.threshold());
      int cleanFlagged = 0;
      for (Document document : clean) {
        assertFalse(fixed.inspect(document).flagged(), document.id());
        cleanFlagged += calibrated.inspect(document).flagged() ? 1 : 0;
      }
      assertTrue(cleanFlagged <= 4, cleanFlagged + " of 400 clean flagged, bigram=" + bigram);
      for (Document poison : poisons) {
        assertFalse(
            fixed.inspect(poison).flagged(),
            poison.id() + " is too short for " + MIN_EXCESS + " bits");
        Verdict verdict = calibrated.inspect(poison);
        assertTrue(
            verdict.flagged(), poison.id() + " bigram=" + bigram + " score " + verdict.score());
        assertTrue(verdict.reason().contains("calibrated threshold"), verdict.reason());
        int trigger = poison.text().indexOf("<SUDO>");
        assertTrue(
            verdict.spanStart() >= trigger - 12,
            "span " + verdict.spanStart() + ", trigger " + trigger);
      }
    }
  }

  @Test
  void thresholdStaysBetweenTheFloorAndTheFixedMinExcess() {
    List<Document> poisons = new ArrayList<>();
    CorpusModel model = model(corpus(poisons), false);
    assertEquals(
        15.0,
        new SurprisalDetector(model, false, TAU, 15.0, 2.5).threshold(),
        "never above min-excess: calibration only adds flags");
    CorpusModel uniform = new CorpusModel(false, false, true);
    TextUnits buffer = new TextUnits();
    for (int i = 0; i < 50; i++) {
      uniform.add("the same words again and again", buffer);
    }
    assertEquals(
        SurprisalDetector.CALIBRATED_FLOOR,
        new SurprisalDetector(uniform, false, TAU, MIN_EXCESS, 2.5).threshold(),
        "a corpus whose scores are all 0 gets the floor");
  }

  @Test
  void refusesCalibrationWithoutASampleAndBadSpreads() {
    CorpusModel noSample = new CorpusModel(false);
    noSample.add("some words", new TextUnits());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SurprisalDetector(noSample, false, TAU, MIN_EXCESS, 2.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SurprisalDetector(noSample, false, TAU, MIN_EXCESS, -1));
    assertEquals(
        MIN_EXCESS, new SurprisalDetector(noSample, false, TAU, MIN_EXCESS, 0).threshold());
  }

  @Test
  void specKeepsASampleOnlyWhenSomethingCalibrates() {
    ScanSpec fixed =
        Fixtures.smallCorpusSpec(List.of(SurprisalDetector.NAME, SurprisalDetector.BIGRAM_NAME));
    assertNull(fixed.newCorpusModel().sample(), "default: no sample, as before");
    ScanSpec calibrated = fixed.withSurprisalSpreads(2.5);
    assertTrue(calibrated.needsSample());
    assertNotNull(calibrated.newCorpusModel().sample());
    assertFalse(
        Fixtures.smallCorpusSpec(List.of(GopherQualityDetector.NAME))
            .withSurprisalSpreads(2.5)
            .needsSample(),
        "no surprisal detector, nothing to calibrate");
    assertThrows(IllegalArgumentException.class, () -> fixed.withSurprisalSpreads(Double.NaN));
  }

  @Test
  void samplesMergeAcrossPartitions() {
    CorpusModel left = new CorpusModel(false, false, true);
    CorpusModel right = new CorpusModel(false, false, true);
    TextUnits buffer = new TextUnits();
    left.add("alpha beta", buffer);
    right.add("gamma delta", buffer);
    assertEquals(2, left.merge(right).sample().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> new CorpusModel(false).merge(new CorpusModel(false, false, true)));
  }
}
