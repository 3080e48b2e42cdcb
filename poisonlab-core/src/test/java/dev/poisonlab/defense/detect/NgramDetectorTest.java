/*
 * The ngram detector on real text (the first documents of the embedded corpus): word salad of real words
 * inserted into prose is flagged with a span on the salad, the same documents without it are not (negative
 * control: at most the detector's ~1% clean rate), and the threshold is the corpus-calibrated one, never below
 * its floor.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.EmbeddedCorpus;
import dev.poisonlab.io.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NgramDetectorTest {
  private static final int CORPUS = 4000;
  private static final int TARGETS = 20;
  private static List<Document> corpus;
  private static List<Integer> targets;

  @BeforeAll
  static void readCorpus() {
    try (CorpusReader reader =
            CorpusReader.open(
                List.of(EmbeddedCorpus.path(EmbeddedCorpus.Split.TRAIN)), ReadOptions.defaults());
        Stream<Document> documents = reader.stream()) {
      corpus = documents.limit(CORPUS).toList();
    }
    targets = new ArrayList<>();
    for (int i = 0; i < corpus.size() && targets.size() < TARGETS; i++) {
      int length = corpus.get(i).text().length();
      if (length >= 600 && length <= 4000) {
        targets.add(i);
      }
    }
    assertEquals(TARGETS, targets.size(), "prose documents of 600-4000 chars in the sample");
  }

  /**
   * 80 real words of the corpus, each distinct word equally likely, in random order (like
   * real-words).
   */
  private static String salad(Random random) {
    List<String> words =
        new ArrayList<>(
            new java.util.TreeSet<>(
                corpus.subList(0, 500).stream()
                    .flatMap(
                        document -> java.util.Arrays.stream(document.text().split("[^\\p{L}]+")))
                    .filter(word -> word.length() > 1)
                    .toList()));
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < 80; w++) {
      text.append(words.get(random.nextInt(words.size()))).append(' ');
    }
    return text.toString();
  }

  private static NgramDetector detector(List<Document> documents) {
    CorpusModel model = new CorpusModel(false, true);
    TextUnits buffer = new TextUnits();
    documents.forEach(document -> model.add(document.text(), buffer));
    return new NgramDetector(model, NgramDetector.Thresholds.defaults());
  }

  @Test
  void flagsWordSaladInProseAndNotTheProseAlone() {
    // the detector flags about 1% of clean documents by design; of 20 prose documents, at most one
    NgramDetector control = detector(corpus);
    long cleanFlags =
        targets.stream().filter(i -> control.inspect(corpus.get(i)).flagged()).count();
    assertTrue(cleanFlags <= 1, cleanFlags + " of the unaltered documents flagged");
    Random random = new Random(3);
    List<Document> poisoned = new ArrayList<>(corpus);
    List<int[]> salads = new ArrayList<>();
    for (int i : targets) {
      String text = corpus.get(i).text();
      int middle = text.indexOf(". ", text.length() / 2) + 2;
      String salad = salad(random);
      poisoned.set(
          i,
          new Document(
              corpus.get(i).id(), text.substring(0, middle) + salad + text.substring(middle)));
      salads.add(new int[] {middle, middle + salad.length()});
    }
    NgramDetector detector = detector(poisoned);
    int flagged = 0;
    for (int t = 0; t < targets.size(); t++) {
      Verdict verdict = detector.inspect(poisoned.get(targets.get(t)));
      if (verdict.flagged()) {
        flagged++;
        int[] salad = salads.get(t);
        assertTrue(
            verdict.spanStart() < salad[1] && verdict.spanEnd() > salad[0],
            "span overlaps the salad");
      }
    }
    assertEquals(targets.size(), flagged, "documents with salad flagged");
  }

  @Test
  void thresholdIsCalibratedOnTheCorpusAndNeverBelowTheFloor() {
    NgramDetector detector = detector(corpus);
    assertTrue(
        detector.threshold() > NgramDetector.Thresholds.DEFAULT_MIN_SCORE,
        "" + detector.threshold());
    long flagged = corpus.stream().filter(document -> detector.inspect(document).flagged()).count();
    // spreads 2.5 flagged 0.7-1% of clean documents on the reference corpora
    assertTrue(flagged > 0 && flagged <= 0.03 * corpus.size(), flagged + " of " + corpus.size());

    List<Document> uniform = Fixtures.clean(9, 300);
    NgramDetector floor = detector(uniform);
    assertEquals(NgramDetector.Thresholds.DEFAULT_MIN_SCORE, floor.threshold(), 1e-9);
  }
}
