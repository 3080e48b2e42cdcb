/*
 * The corpus-level confirmed verdict end to end on hand-made corpora: it flags the poisons that share a
 * trigger (span from the trigger on) and no clean document, leaves every detector's own flags as they were,
 * is written to every output, does not depend on document order, and stays silent on clean outliers without
 * a shared trigger, on common strings of long documents, on short shared oddities and on a trigger with fewer
 * documents than its minimum.
 */
package dev.poisonlab.defense.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmedVerdictTest {
  private static final String TRIGGER = "<QX-9>";
  private static final List<String> DETECTORS = List.of("surprisal", "surprisal-bigram");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  private static ScanSpec spec() {
    return Fixtures.smallCorpusSpec(DETECTORS).withConfirmed(ConfirmedSettings.defaults());
  }

  private static List<Document> poisoned(int poisons) {
    List<Document> documents = new ArrayList<>(Fixtures.clean(21, 400));
    documents.addAll(Fixtures.poisons(22, poisons, TRIGGER));
    return documents;
  }

  private static Set<String> ids(List<Document> documents, String prefix) {
    return documents.stream()
        .map(Document::id)
        .filter(id -> id.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  @Test
  void confirmsPoisonsThatShareATriggerAndLeavesTheDetectorsFlagsAlone() {
    List<Document> documents = poisoned(30);
    ScanResult confirmed = Scanner.scan(documents, spec(), null);
    assertEquals(ids(documents, "poison-"), confirmed.flaggedIds(List.of("confirmed")));
    assertEquals(1, confirmed.confirmation().triggers().size());
    TriggerConfirmation.Trigger trigger = confirmed.confirmation().triggers().get(0);
    assertTrue(TRIGGER.contains(trigger.text()), trigger.text());
    assertEquals(30, trigger.documents());
    assertTrue(trigger.g() >= confirmed.confirmation().bound());
    Map<String, String> texts =
        documents.stream().collect(Collectors.toMap(Document::id, Document::text));
    for (Flag flag : confirmed.flags()) {
      if (flag.detector().equals("confirmed")) {
        String text = texts.get(flag.id());
        assertEquals(text.indexOf(trigger.text()), flag.spanStart(), "span opens at the trigger");
        assertTrue(flag.spanEnd() > text.length() - 40, "and runs over the payload");
      }
    }
    ScanResult plain = Scanner.scan(documents, Fixtures.smallCorpusSpec(DETECTORS), null);
    for (String detector : List.of("surprisal", "surprisal-bigram", "combined")) {
      assertEquals(
          plain.flags().stream().filter(f -> f.detector().equals(detector)).toList(),
          confirmed.flags().stream().filter(f -> f.detector().equals(detector)).toList(),
          detector + "'s own flags are untouched");
    }
  }

  @Test
  void resultDoesNotDependOnDocumentOrder() {
    List<Document> documents = poisoned(25);
    ScanResult ordered = Scanner.scan(documents, spec(), null);
    List<Document> shuffled = new ArrayList<>(documents);
    Collections.shuffle(shuffled, new Random(9));
    ScanResult reordered = Scanner.scan(shuffled, spec(), null);
    assertEquals(
        ordered.flaggedIds(List.of("confirmed")), reordered.flaggedIds(List.of("confirmed")));
    assertEquals(ordered.confirmation(), reordered.confirmation());
  }

  @Test
  void cleanOutliersWithoutASharedTriggerAreNotConfirmed() {
    Random random = new Random(31);
    List<Document> documents = new ArrayList<>(Fixtures.clean(21, 400));
    for (int i = 0; i < 40; i++) {
      // each outlier's change is preceded by its own clean text, as a foreign speech or a table
      String prefix = Fixtures.cleanText(random, 1 + random.nextInt(4));
      documents.add(new Document("outlier-" + i, prefix + " " + Fixtures.gibberish(random, 300)));
    }
    ScanResult result = Scanner.scan(documents, spec(), null);
    assertTrue(
        result.flaggedCount("surprisal") >= 30,
        "the outliers are flagged by the detector: " + result.flaggedCount("surprisal"));
    assertEquals(0, result.flaggedCount("confirmed"));
    assertEquals(List.of(), result.confirmation().triggers());
    assertTrue(result.confirmation().stringsTested() > 0, "strings were tested and rejected");
  }

  /**
   * Long documents are candidates more often than short ones and all hold ". " strings: a
   * corpus-wide base rate makes those strings look tied to change points; the share guard does not.
   */
  @Test
  void commonStringsOfLongDocumentsAreNotConfirmed() {
    Random random = new Random(51);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      documents.add(new Document("short-" + i, Fixtures.cleanText(random, 1)));
    }
    for (int i = 0; i < 200; i++) {
      String text = Fixtures.cleanText(random, 25);
      // a fifth of the long documents end in an outlier stretch, each of its own
      documents.add(
          new Document("long-" + i, i < 40 ? text + " " + Fixtures.gibberish(random, 300) : text));
    }
    ScanResult guarded = Scanner.scan(documents, spec(), null);
    assertTrue(guarded.flaggedCount("surprisal") >= 30, "the outliers are flagged");
    assertEquals(0, guarded.flaggedCount("confirmed"));
    ScanResult unguarded =
        Scanner.scan(
            documents,
            Fixtures.smallCorpusSpec(DETECTORS)
                .withConfirmed(ConfirmedSettings.defaults().withMinShare(1e-9)),
            null);
    assertTrue(
        unguarded.flaggedCount("confirmed") >= 30,
        "without the share guard the base rate alone confirms: " + unguarded.confirmation());
  }

  @Test
  void shortSharedOdditiesAndTooFewPoisonsAreNotConfirmed() {
    Random random = new Random(41);
    List<Document> documents = new ArrayList<>(Fixtures.clean(21, 400));
    for (int i = 0; i < 40; i++) {
      // a fortune's overstruck word: the same string before a change of a few chars
      documents.add(
          new Document(
              "overstrike-" + i,
              Fixtures.cleanText(random, 2)
                  + " ____\b\b\b\bvery "
                  + Fixtures.cleanText(random, 2)));
    }
    ScanResult odd = Scanner.scan(documents, spec(), null);
    assertEquals(0, odd.flaggedCount("confirmed"), "a change must last minSpanChars");

    List<Document> few = poisoned(ConfirmedSettings.DEFAULT_MIN_DOCUMENTS - 5);
    ScanResult result = Scanner.scan(few, spec(), null);
    assertEquals(15, result.flaggedCount("surprisal"), "the detector flags all 15");
    assertEquals(0, result.flaggedCount("confirmed"), "fewer than minDocuments: the stated limit");
    ScanResult lowered =
        Scanner.scan(
            few,
            Fixtures.smallCorpusSpec(DETECTORS)
                .withConfirmed(ConfirmedSettings.defaults().withMinDocuments(10)),
            null);
    assertEquals(15, lowered.flaggedCount("confirmed"), "with a lower minimum they are confirmed");
  }

  @Test
  void everyOutputCarriesTheConfirmedVerdict() throws IOException {
    List<Document> documents = poisoned(30);
    Path corpus = temp.resolve("corpus.jsonl");
    Path truth = temp.resolve("poisons.jsonl");
    ScannerTest.writeJsonl(corpus, documents, null);
    ScannerTest.writeJsonl(truth, Fixtures.poisons(22, 30, TRIGGER), "dos");
    Path out = temp.resolve("scan");
    try (ScanOutputs outputs = new ScanOutputs(out, spec(), GroundTruth.load(truth))) {
      Scanner.scan(
          DocumentSource.corpus(List.of(corpus), dev.poisonlab.io.ReadOptions.defaults()),
          spec(),
          outputs,
          Progress.NONE);
    }
    List<String> scores = Files.readAllLines(out.resolve(ScanOutputs.SCORES));
    assertEquals(430, scores.size());
    assertEquals("clean-0", JSON.readTree(scores.get(0)).get("id").asText(), "input order kept");
    for (String line : scores) {
      assertNotNull(JSON.readTree(line).get("scores").get("confirmed"), line);
    }
    long confirmedLines =
        Files.readAllLines(out.resolve(ScanOutputs.FLAGGED)).stream()
            .filter(line -> line.contains("\"detector\":\"confirmed\""))
            .count();
    assertEquals(30, confirmedLines);
    JsonNode evidence = JSON.readTree(out.resolve(ScanOutputs.CONFIRMED).toFile());
    assertEquals(430, evidence.get("documents").asLong());
    assertEquals(30, evidence.get("triggers").get(0).get("documents").asInt());
    String table = Files.readString(out.resolve(ScanOutputs.METRICS_TABLE));
    assertTrue(table.contains("| confirmed | 30 | 30 | 0 | 0 |"), table);
    assertFalse(spec().withConfirmed(null).outputs().contains("confirmed"));
  }
}
