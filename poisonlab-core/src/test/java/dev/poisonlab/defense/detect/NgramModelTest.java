/*
 * The word trigram Kneser-Ney model against probabilities computed by hand on a two-document corpus, its
 * normalisation (probabilities over the vocabulary plus the unseen-word share sum to 1 for any context) and
 * leave-one-out (a document's only occurrence of a word is scored as if the word were unseen).
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NgramModelTest {
  private static final double TOLERANCE = 1e-9;

  /**
   * Corpus "a b" and "a c". Trigram counts: (S1 S2 a) 2, (S2 a b) 1, (S2 a c) 1, so D3 = 2 / (2 + 2
   * * 1) = 0.5; every bigram continuation and unigram continuation count is 1, so D2 = D1 = 1, kept
   * at 0.95.
   */
  private static NgramModel tiny() {
    NgramModel model = new NgramModel();
    TextUnits units = new TextUnits();
    units.segment("a b");
    model.add(units);
    units.segment("a c");
    model.add(units);
    return model;
  }

  private static long hash(String word) {
    TextUnits units = new TextUnits();
    units.segment(word);
    return units.hash(0);
  }

  @Test
  void discountsComeFromCountOfCounts() {
    NgramModel model = tiny();
    assertEquals(0.5, model.discount(0), TOLERANCE);
    assertEquals(0.95, model.discount(1), TOLERANCE);
    assertEquals(0.95, model.discount(2), TOLERANCE);
  }

  @Test
  void matchesHandComputedProbabilities() {
    NgramModel model = tiny();
    long start = NgramModel.START_2;
    // p1(b) = (max(1 - .95, 0) + .95 * 3 words * 1/4) / 3 bigram types = 0.2541667
    // p2(b | a) = (max(1 - .95, 0) + .95 * 2 types * p1(b)) / 2 = 0.2664583
    // p3(b | S2 a) = (max(1 - .5, 0) + .5 * 2 types * p2) / 2 = 0.3832292
    assertEquals(0.38322917, model.probability(start, hash("a"), hash("b"), 0), 1e-7);
    // an unseen word: p1 = .95 * 3/4 / 3 = 0.2375, p2 = .95 * 2 * p1 / 2 = 0.225625, p3 = .5 * 2 *
    // p2 / 2
    assertEquals(0.1128125, model.probability(start, hash("a"), hash("zebra"), 0), 1e-7);
    // a seen word never seen after a: p1(a) = 0.2541667, p2 = .95 * 2 * p1 / 2 = 0.2414583, p3 = p2
    // / 2
    assertEquals(0.12072917, model.probability(start, hash("a"), hash("a"), 0), 1e-7);
  }

  @Test
  void leaveOneOutScoresADocumentsOnlyOccurrenceAsUnseen() {
    NgramModel model = tiny();
    // without (S2 a b): trigram and bigram types gone, b leaves the vocabulary (2 words, 2 bigram
    // types):
    // p1 = .95 * 2 * 1/3 / 2 = 0.3166667, p2 = .95 * 1 * p1 / 1 = 0.3008333, p3 = .5 * 1 * p2 / 1 =
    // 0.1504167
    assertEquals(0.15041667, model.probability(NgramModel.START_2, hash("a"), hash("b"), 1), 1e-7);
    // (S1 S2 a) occurs twice: leaving one out keeps it seen: (max(1 - .5, 0) + .5 * 1 * p2(a | S2))
    // / 1
    double kept = model.probability(NgramModel.START_1, NgramModel.START_2, hash("a"), 1);
    assertEquals(
        true, kept > 0.5, "a repeated trigram stays likely after leaving one out: " + kept);
  }

  @Test
  void probabilitiesSumToOneOverTheVocabularyForEveryContext() {
    NgramModel model = new NgramModel();
    TextUnits units = new TextUnits();
    Random random = new Random(5);
    String[] words = "the a of cat dog sat on mat ran . , and".split(" ");
    Set<Long> vocabulary = new LinkedHashSet<>();
    List<long[]> contexts = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 5 + random.nextInt(30); w++) {
        text.append(words[random.nextInt(random.nextBoolean() ? 4 : words.length)]).append(' ');
      }
      int count = units.segment(text.toString());
      model.add(units);
      for (int i = 0; i < count; i++) {
        vocabulary.add(units.hash(i));
        contexts.add(
            new long[] {
              i > 1 ? units.hash(i - 2) : NgramModel.START_2, i > 0 ? units.hash(i - 1) : hash("x")
            });
      }
    }
    assertEquals(vocabulary.size(), model.vocabulary());
    contexts.add(new long[] {hash("never"), hash("seen")});
    for (long[] context : contexts.subList(contexts.size() - 40, contexts.size())) {
      double sum = model.probability(context[0], context[1], hash("unseenword"), 0);
      for (long word : vocabulary) {
        sum += model.probability(context[0], context[1], word, 0);
      }
      assertEquals(1.0, sum, 1e-9);
    }
  }
}
