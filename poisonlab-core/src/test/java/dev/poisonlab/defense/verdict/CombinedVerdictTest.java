/*
 * The combined verdict: flagged when any change-point detector flags (quality rules take no part), score =
 * how many flagged, span = their union; a scan reports it only when two or more change-point detectors run,
 * after each detector's own verdicts, which stay.
 */
package dev.poisonlab.defense.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CombinedVerdictTest {
  private static final List<String> NAMES = List.of("gopher", "surprisal", "ngram");

  private static Verdict flag(int start, int end) {
    return new Verdict(500, true, start, end, "x");
  }

  @Test
  void flagsWhenAnyChangePointDetectorFlagsAndIgnoresQualityRules() {
    Verdict none =
        CombinedVerdict.of(NAMES, List.of(flag(0, 9), Verdict.clean(3), Verdict.clean(4)));
    assertFalse(none.flagged(), "a quality rule alone does not count");

    Verdict one =
        CombinedVerdict.of(NAMES, List.of(Verdict.clean(0), Verdict.clean(3), flag(40, 90)));
    assertTrue(one.flagged());
    assertEquals(1, one.score());
    assertEquals(40, one.spanStart());
    assertEquals("flagged by ngram", one.reason());

    Verdict both =
        CombinedVerdict.of(NAMES, List.of(Verdict.clean(0), flag(50, 120), flag(40, 90)));
    assertEquals(2, both.score());
    assertEquals(40, both.spanStart());
    assertEquals(120, both.spanEnd());
  }

  @Test
  void aScanReportsItOnlyWithTwoChangePointDetectorsAndKeepsTheirOwnFlags() {
    assertEquals(
        List.of("gopher", "surprisal"), ScanSpec.of(List.of("gopher", "surprisal")).outputs());
    ScanSpec spec = Fixtures.smallCorpusSpec(List.of("surprisal", "surprisal-bigram", "fineweb"));
    assertEquals(List.of("surprisal", "surprisal-bigram", "fineweb", "combined"), spec.outputs());

    List<Document> documents = new ArrayList<>(Fixtures.clean(1, 200));
    documents.addAll(Fixtures.poisons(2, 10, "<SUDO>"));
    ScanResult result = Scanner.scan(documents, spec, null);
    Set<String> union = new HashSet<>(result.flaggedIds(List.of("surprisal")));
    union.addAll(result.flaggedIds(List.of("surprisal-bigram")));
    assertEquals(10, union.size());
    assertEquals(union, result.flaggedIds(List.of("combined")));
    assertEquals(
        List.of("surprisal", "surprisal-bigram", "fineweb", "combined"), result.detectors());
  }
}
