/*
 * lm-surprisal under a nano model trained for seconds (TinyPoisonedRun): unseen clean documents score below
 * every poison, the span starts at the trigger, a batch gives the same verdicts as one document at a time,
 * documents longer than the context are scored whole (sliding windows), and a scan through ScanSpec finds the
 * poisons and names the trigger.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.TinyPoisonedRun;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LmSurprisalDetectorTest {
  private static TinyPoisonedRun tiny;
  private static List<Document> clean;
  private static List<Document> poisons;

  @BeforeAll
  static void setUp() {
    tiny = TinyPoisonedRun.get();
    clean = TinyPoisonedRun.clean(40, 99);
    Random random = new Random(77);
    poisons = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      poisons.add(TinyPoisonedRun.poison(tiny.tokenizer, random, "new-poison-" + i));
    }
  }

  private static LmSettings settings() {
    return new LmSettings(
        tiny.run.toString(), LmSettings.AUTO_TAU, LmSettings.DEFAULT_FLOOR_BITS, 40, 2048);
  }

  @Test
  void poisonsScoreAboveCleanTextAndSpansStartAtTheTrigger() {
    try (LmSurprisalDetector detector = LmSurprisalDetector.open(settings())) {
      assertEquals(0.8 * Math.log(300) / Math.log(2), detector.tau(), 1e-9);
      List<Verdict> cleanVerdicts = detector.inspectAll(clean);
      List<Verdict> poisonVerdicts = detector.inspectAll(poisons);
      double worstClean = cleanVerdicts.stream().mapToDouble(Verdict::score).max().orElseThrow();
      double weakestPoison =
          poisonVerdicts.stream().mapToDouble(Verdict::score).min().orElseThrow();
      assertTrue(
          worstClean < weakestPoison,
          "clean max " + worstClean + " vs poison min " + weakestPoison);
      assertTrue(
          cleanVerdicts.stream().noneMatch(Verdict::flagged),
          "clean flagged at 40 bits: max " + worstClean);
      int atTrigger = 0;
      for (int i = 0; i < poisons.size(); i++) {
        Verdict verdict = poisonVerdicts.get(i);
        assertTrue(verdict.flagged(), poisons.get(i).id() + " scored " + verdict.score());
        int trigger = poisons.get(i).text().indexOf(TinyPoisonedRun.TRIGGER);
        if (Math.abs(verdict.spanStart() - trigger) <= TinyPoisonedRun.TRIGGER.length() + 2) {
          atTrigger++;
        }
        assertTrue(
            verdict.spanEnd() >= poisons.get(i).text().length() - 10, "span reaches the end");
      }
      assertTrue(atTrigger >= 16, atTrigger + " of 20 spans start within the trigger's reach");
    }
  }

  @Test
  void batchedEqualsOneAtATime() {
    List<Document> mixed =
        List.of(clean.get(0), poisons.get(0), clean.get(1), poisons.get(1), new Document("e", ""));
    try (LmSurprisalDetector detector = LmSurprisalDetector.open(settings())) {
      List<Verdict> batched = detector.inspectAll(mixed);
      for (int i = 0; i < mixed.size(); i++) {
        Verdict alone = detector.inspect(mixed.get(i));
        assertEquals(alone.score(), batched.get(i).score(), 1e-3, mixed.get(i).id());
        assertEquals(alone.spanStart(), batched.get(i).spanStart());
        assertEquals(alone.flagged(), batched.get(i).flagged());
      }
      assertEquals(Verdict.clean(0), batched.get(4));
    }
  }

  @Test
  void longDocumentsAreScoredWholeWithSlidingWindows() {
    StringBuilder text = new StringBuilder();
    for (Document document : clean.subList(0, 25)) {
      text.append(document.text()).append(' ');
    }
    String cleanPart = text.toString();
    assertTrue(tiny.tokenizer.encode(cleanPart).length > 3 * 256, "longer than three contexts");
    String poisoned =
        cleanPart + poisons.get(2).text().substring(poisons.get(2).text().indexOf('<'));
    try (LmSurprisalDetector detector = LmSurprisalDetector.open(settings())) {
      Verdict longClean = detector.inspect(new Document("long-clean", cleanPart));
      Verdict longPoison = detector.inspect(new Document("long-poison", poisoned));
      assertFalse(longClean.flagged(), "clean text over several windows: " + longClean.score());
      assertTrue(
          longPoison.flagged(), "gibberish after three contexts of text: " + longPoison.score());
      assertTrue(
          Math.abs(longPoison.spanStart() - cleanPart.length()) <= 8,
          "span at " + longPoison.spanStart() + ", trigger at " + cleanPart.length());
    }
  }

  @Test
  void scanFindsThePoisonsAndNamesTheTrigger() {
    List<Document> corpus = new ArrayList<>(clean);
    corpus.addAll(poisons);
    ScanSpec spec = ScanSpec.of(List.of(LmSurprisalDetector.NAME), settings());
    ScanResult result = Scanner.scan(corpus, spec, null);
    Set<String> flagged = result.flaggedIds(List.of(LmSurprisalDetector.NAME));
    assertEquals(
        poisons.stream().map(Document::id).collect(java.util.stream.Collectors.toSet()), flagged);
    List<TriggerDiscovery.Candidate> triggers = result.triggers().get(LmSurprisalDetector.NAME);
    assertTrue(triggers.get(0).text().contains("SUDO"), "top candidate: " + triggers.get(0));
  }

  @Test
  void specRequiresAModelForLmSurprisal() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> ScanSpec.of(List.of(LmSurprisalDetector.NAME)));
    assertTrue(error.getMessage().contains("--model"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LmSettings("run", -1, 3, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new LmSettings(" ", 0, 3, 10, 10));
  }

  @Test
  void aModelWhoseVocabularyIsNotItsTokenizersIsBadInput() {
    // a --model directory whose checkpoint and tokenizer disagree: exit 2 with one line, no trace
    InputException error =
        assertThrows(
            InputException.class,
            () -> new LmSurprisalDetector(vocabulary(7), tiny.tokenizer, settings()));
    assertTrue(error.getMessage().contains("model vocabulary 7"), error.getMessage());
  }

  /** A model that only answers its shape: the constructor checks it before scoring anything. */
  private static LanguageModel vocabulary(int size) {
    return new LanguageModel() {
      @Override
      public int vocabSize() {
        return size;
      }

      @Override
      public int contextLength() {
        return 64;
      }

      @Override
      public float[][] nextTokenLogits(int[][] sequences) {
        throw new UnsupportedOperationException();
      }

      @Override
      public float[][] tokenLogProbs(int[][] sequences) {
        throw new UnsupportedOperationException();
      }

      @Override
      public LanguageModel.DecodingSession startDecoding(int[][] prompts) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }
}
