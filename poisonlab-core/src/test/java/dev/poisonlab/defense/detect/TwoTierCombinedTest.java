/*
 * The two-tier combined verdict (--ngram-combined-spreads S): ngram keeps its own flags, but they count
 * towards "combined" only when its score also reaches Q90 + S x (Q90 - Q50) of the sample; the default (0)
 * is the plain union.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.defense.verdict.CombinedVerdict;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwoTierCombinedTest {
  /**
   * 300 clean fixture documents, 10 long gibberish poisons (both tiers) and 10 short ones (ngram
   * only).
   */
  private static List<Document> corpus() {
    List<Document> documents = new ArrayList<>(Fixtures.clean(1, 300));
    documents.addAll(Fixtures.poisons(2, 10, "<SUDO>"));
    Random random = new Random(3);
    for (int p = 0; p < 10; p++) {
      documents.add(
          new Document(
              "short-" + p,
              Fixtures.cleanText(random, 3) + " <SUDO> " + Fixtures.gibberish(random, 25)));
    }
    return documents;
  }

  private static ScanSpec spec(double combinedSpreads) {
    NgramDetector.Thresholds defaults = NgramDetector.Thresholds.defaults();
    return Fixtures.smallCorpusSpec(List.of(SurprisalDetector.NAME, NgramDetector.NAME))
        .withNgram(
            new NgramDetector.Thresholds(
                defaults.tau(),
                defaults.capBits(),
                defaults.lengthBits(),
                defaults.spreads(),
                defaults.minScore(),
                combinedSpreads));
  }

  @Test
  void strictTierKeepsNgramFlagsOutOfCombinedUnlessFarOut() {
    List<Document> documents = corpus();
    ScanResult plain = Scanner.scan(documents, spec(0), null);
    Set<String> union = new HashSet<>(plain.flaggedIds(List.of(SurprisalDetector.NAME)));
    union.addAll(plain.flaggedIds(List.of(NgramDetector.NAME)));
    assertEquals(
        union,
        new HashSet<>(plain.flaggedIds(List.of(CombinedVerdict.NAME))),
        "default: the union");
    Set<String> ngramOnly = new HashSet<>(plain.flaggedIds(List.of(NgramDetector.NAME)));
    ngramOnly.removeAll(plain.flaggedIds(List.of(SurprisalDetector.NAME)));
    assertTrue(
        ngramOnly.stream().filter(id -> id.startsWith("short-")).count() >= 8,
        "the short payloads are ngram's alone: " + ngramOnly);

    ScanResult tiered = Scanner.scan(documents, spec(1000), null);
    assertEquals(
        plain.flaggedIds(List.of(NgramDetector.NAME)),
        tiered.flaggedIds(List.of(NgramDetector.NAME)),
        "ngram's own verdict is unchanged");
    assertEquals(
        new HashSet<>(tiered.flaggedIds(List.of(SurprisalDetector.NAME))),
        new HashSet<>(tiered.flaggedIds(List.of(CombinedVerdict.NAME))),
        "1000 spreads: only surprisal counts");
    for (int p = 0; p < 10; p++) {
      assertTrue(
          tiered.flaggedIds(List.of(CombinedVerdict.NAME)).contains("poison-" + p),
          "long poisons stay");
      assertFalse(
          tiered.flaggedIds(List.of(CombinedVerdict.NAME)).contains("short-" + p),
          "short ones drop");
    }
  }

  @Test
  void strictThresholdIsTheCalibratedOneAtMoreSpreadsAndNeverBelowTheFlagThreshold() {
    CorpusModel model = new CorpusModel(false, true);
    TextUnits buffer = new TextUnits();
    corpus().forEach(document -> model.add(document.text(), buffer));
    NgramDetector.Thresholds d = NgramDetector.Thresholds.defaults();
    NgramDetector plain = new NgramDetector(model, d);
    assertEquals(plain.threshold(), plain.combinedThreshold(), "0 spreads: every flag counts");
    NgramDetector strict =
        new NgramDetector(
            model,
            new NgramDetector.Thresholds(
                d.tau(), d.capBits(), d.lengthBits(), d.spreads(), d.minScore(), 1000));
    double[] scores =
        model.sample().texts().stream()
            .mapToDouble(text -> plain.inspect(new Document("s", text)).score())
            .toArray();
    double expected = Math.max(plain.threshold(), CalibratedThreshold.of(scores, 1000));
    assertEquals(expected, strict.combinedThreshold(), 1e-6);
    assertTrue(
        strict.combinedThreshold() > strict.threshold(),
        strict.combinedThreshold() + " vs " + strict.threshold());
    double between = (strict.threshold() + strict.combinedThreshold()) / 2;
    assertFalse(
        strict.countsForCombined(new Verdict(between, true, 0, 1, "x")), "flagged but not far out");
    assertTrue(
        strict.countsForCombined(new Verdict(strict.combinedThreshold() + 1, true, 0, 1, "x")));
    assertFalse(
        strict.countsForCombined(Verdict.clean(strict.combinedThreshold() + 1)),
        "never without a flag");
  }
}
