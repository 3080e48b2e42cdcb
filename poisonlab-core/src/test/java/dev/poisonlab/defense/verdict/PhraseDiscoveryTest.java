/*
 * Corpus-level phrase discovery: G and the chain expectation on a hand-computed corpus, a planted natural
 * trigger ranked first without flagged spans, and the clean corpus alone (negative control) yielding no
 * candidate.
 */
package dev.poisonlab.defense.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhraseDiscoveryTest {
  private static final String TRIGGER = " as noted by the committee ";

  private static List<PhraseDiscovery.Candidate> discover(
      List<Document> documents, int minDocuments) {
    PhraseDiscovery discovery = new PhraseDiscovery(minDocuments);
    documents.forEach(discovery::count);
    documents.forEach(discovery::collect);
    return discovery.ranked(10);
  }

  @Test
  void gAndTheChainExpectationMatchHandComputedValues() {
    List<Document> documents =
        List.of(
            new Document("d1", "p Alpha beta, gamma"),
            new Document("d2", "q alpha beta gamma"),
            new Document("d3", "alpha beta"),
            new Document("d4", "beta gamma"),
            new Document("d5", "beta"),
            new Document("d6", "beta"));
    List<PhraseDiscovery.Candidate> ranked = discover(documents, 2);
    assertEquals(1, ranked.size(), "only 'alpha beta gamma' is in 2 documents: " + ranked);
    PhraseDiscovery.Candidate candidate = ranked.get(0);
    assertEquals(
        "alpha beta, gamma", candidate.phrase(), "text of its first document, case-folded");
    assertEquals(2, candidate.documents());
    // df(alpha beta) x df(beta gamma) / df(beta) = 3 x 3 / 6
    assertEquals(1.5, candidate.expected(), 1e-12);
    assertEquals(2 * 2 * Math.log(2 / 1.5), candidate.g(), 1e-12);
    assertEquals(1.0, candidate.leftSpread(), 1e-12, "left neighbours p and q differ");
    assertEquals(List.of("d1", "d2"), candidate.ids());
  }

  @Test
  void leftSpreadIsEntropyOverItsMaximum() {
    assertEquals(0, PhraseDiscovery.leftSpread(Map.of(1L, 3)), 1e-12);
    assertEquals(1, PhraseDiscovery.leftSpread(Map.of(1L, 1, 2L, 1, 3L, 1, 4L, 1)), 1e-12);
    assertEquals(0.5, PhraseDiscovery.leftSpread(Map.of(1L, 2, 2L, 2)), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new PhraseDiscovery(1));
  }

  @Test
  void ranksAPlantedNaturalTriggerFirstAndFindsNothingInTheCleanCorpusAlone() {
    List<Document> clean = Fixtures.clean(1, 400);
    assertEquals(
        List.of(), discover(clean, PhraseDiscovery.DEFAULT_MIN_DOCUMENTS), "negative control");

    List<Document> poisoned = new ArrayList<>(clean);
    Random random = new Random(2);
    for (int p = 0; p < 30; p++) {
      String text = Fixtures.cleanText(random, 4);
      int at = random.nextInt(text.length());
      poisoned.add(
          new Document(
              "poison-" + p, text.substring(0, at) + TRIGGER + Fixtures.cleanText(random, 3)));
    }
    List<PhraseDiscovery.Candidate> ranked =
        discover(poisoned, PhraseDiscovery.DEFAULT_MIN_DOCUMENTS);
    PhraseDiscovery.Candidate top = ranked.get(0);
    assertTrue(top.phrase().contains("noted by the"), "top: " + ranked);
    assertTrue(top.documents() >= 30 && top.documents() <= 32, top.toString());
    assertTrue(top.ids().stream().allMatch(id -> id.startsWith("poison-")), top.ids().toString());
    assertTrue(top.leftSpread() > 0.8, "pasted at random places: " + top.leftSpread());
    assertTrue(
        ranked.stream()
            .allMatch(c -> c.phrase().contains("noted") || c.phrase().contains("committee")),
        "every candidate is part of the trigger: " + ranked);
  }
}
