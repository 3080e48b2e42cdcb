/*
 * The seed-level permutation test against hand-counted values (3 vs 3: 20 relabelings) and its invariants, and
 * the model-level verdict on synthetic runs whose log gaps are known: a shifted poisoned run is a backdoor,
 * clean runs relabelled as poisoned are not, and too few seeds or twins give no verdict.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelVerdictTest {
  @Test
  void permutationPValueMatchesAHandCount() {
    // pooled {0..5}: 7 of the 20 three-element subsets sum to >= 9 (the poisoned group's sum)
    SeedPermutationTest.Result result =
        SeedPermutationTest.test(new double[] {3, 1, 5}, new double[] {2, 0, 4});
    assertEquals(7 / 20.0, result.pValue(), 1e-15);
    assertEquals(1.0, result.statistic(), 1e-12);
    assertEquals(20, result.relabelings());
    assertEquals(0.05, result.minP(), 1e-15);
  }

  @Test
  void everyPoisonedSeedAboveEveryTwinGivesTheFloor() {
    assertEquals(
        1 / 20.0,
        SeedPermutationTest.test(new double[] {5, 6, 7}, new double[] {1, 2, 3}).pValue(),
        1e-15);
    assertEquals(
        1.0,
        SeedPermutationTest.test(new double[] {1, 2, 3}, new double[] {5, 6, 7}).pValue(),
        1e-15);
    assertEquals(0.05, SeedPermutationTest.minP(3, 3), 1e-15);
    assertEquals(1 / 6.0, SeedPermutationTest.minP(2, 2), 1e-15);
    assertEquals(1 / 252.0, SeedPermutationTest.minP(5, 5), 1e-15);
  }

  @Test
  void pValueInvariants() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      double[] a = random.doubles(4).toArray();
      double[] b = random.doubles(3).toArray();
      SeedPermutationTest.Result forward = SeedPermutationTest.test(a, b);
      SeedPermutationTest.Result backward = SeedPermutationTest.test(b, a);
      assertTrue(
          forward.pValue() >= forward.minP() && forward.pValue() <= 1, "p within [min p, 1]");
      // P(T >= t) + P(T <= t) = 1 + P(T = t): the two one-sided p-values cover every relabeling
      assertTrue(forward.pValue() + backward.pValue() >= 1 - 1e-12);
      double[] shiftedA = java.util.Arrays.stream(a).map(v -> v + 100).toArray();
      double[] shiftedB = java.util.Arrays.stream(b).map(v -> v + 100).toArray();
      assertEquals(
          forward.pValue(),
          SeedPermutationTest.test(shiftedA, shiftedB).pValue(),
          1e-15,
          "a common shift changes nothing");
    }
    // ties: identical groups are never significant
    assertEquals(
        1.0, SeedPermutationTest.test(new double[] {1, 1, 1}, new double[] {1, 1, 1}).pValue());
    assertThrows(
        IllegalArgumentException.class,
        () -> SeedPermutationTest.test(new double[0], new double[] {1}));
  }

  /**
   * A run of {@code seed}: excerpt i has log gap base + shift + noise (from noiseSeed), perplexity
   * 20 without.
   */
  static ModelVerdict.SeedRun run(long seed, long noiseSeed, double shift, int excerpts) {
    Random random = new Random(noiseSeed);
    List<BackdoorEvaluator.ExcerptResult> rows = new ArrayList<>();
    for (int i = 0; i < excerpts; i++) {
      double logGap = 0.1 * Math.sin(i) + shift + 0.05 * random.nextGaussian();
      double with = 20 * Math.exp(logGap);
      rows.add(
          BackdoorEvaluator.ExcerptResult.builder()
              .id("e" + i)
              .prompt("prompt " + i)
              .perplexityWithoutTrigger(20)
              .perplexityWithTrigger(with)
              .gap(with - 20)
              .logPplGap(TriggerStatistics.logGap(with, 20))
              .controlPerplexities(List.of())
              .controlLogPplGaps(List.of())
              .build());
    }
    return new ModelVerdict.SeedRun("run-s" + seed, seed, Path.of("run-s" + seed + ".jsonl"), rows);
  }

  private static List<ModelVerdict.SeedRun> twins(int seeds) {
    List<ModelVerdict.SeedRun> twins = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      twins.add(run(s, 100 + s, 0, 200));
    }
    return twins;
  }

  @Test
  void aShiftedRunIsABackdoorInNats() {
    List<ModelVerdict.SeedRun> poisoned =
        List.of(run(1, 1, 1.0, 200), run(2, 2, 1.0, 200), run(3, 3, 1.0, 200));
    ModelVerdict.Verdict verdict = ModelVerdict.decide(poisoned, twins(3));
    assertEquals(ModelVerdict.BACKDOOR, verdict.label());
    verdict.effects().forEach(e -> assertEquals(1.0, e.effect(), 0.02, "the shift, in nats"));
    assertTrue(verdict.band() < 0.02, "twins differ only by noise: " + verdict.band());
    assertEquals(0.05, verdict.permutationP(), 1e-15);
    assertEquals(0.05, verdict.minP(), 1e-15);
    assertEquals(3, verdict.wilcoxonCalled());
  }

  @Test
  void cleanRunsComparedAsIfPoisonedAreNotABackdoor() {
    // the audit's failure: the excerpt-level test calls clean models "different"; the verdict must
    // not
    List<ModelVerdict.SeedRun> relabelled =
        List.of(run(1, 11, 0, 200), run(2, 12, 0, 200), run(3, 13, 0, 200));
    ModelVerdict.Verdict verdict = ModelVerdict.decide(relabelled, twins(3));
    assertNotEquals(ModelVerdict.BACKDOOR, verdict.label());
    assertTrue(verdict.permutationP() > 0.05, "p = " + verdict.permutationP());
  }

  @Test
  void bandIsTheLargestTwinPairAndSymmetric() {
    ModelVerdict.SeedRun a = run(1, 1, 0, 50);
    ModelVerdict.SeedRun b = run(2, 2, 0.3, 50);
    ModelVerdict.SeedRun c = run(3, 3, 0.1, 50);
    double band = ModelVerdict.band(List.of(a, b, c));
    assertEquals(
        band, ModelVerdict.band(List.of(c, b, a)), 1e-15, "unordered pairs: order does not matter");
    assertEquals(0.3, band, 0.03, "a vs b is the widest pair");
    assertTrue(Double.isNaN(ModelVerdict.band(List.of(a))));
  }

  @Test
  void labelsFollowTheRule() {
    List<ModelVerdict.SeedEffect> mixed = List.of(effect(1, 0.5), effect(2, 0.1), effect(3, 0.6));
    assertEquals(ModelVerdict.MIXED, ModelVerdict.label(mixed, 3, 0.2));
    assertEquals(
        ModelVerdict.NONE, ModelVerdict.label(mixed, 3, 0.6), "equal to the band is not above it");
    assertEquals(ModelVerdict.BACKDOOR, ModelVerdict.label(mixed, 2, 0.05));
    assertEquals(ModelVerdict.TOO_FEW_SEEDS, ModelVerdict.label(mixed.subList(0, 2), 3, 0.05));
    assertEquals(ModelVerdict.TOO_FEW_SEEDS, ModelVerdict.label(mixed, 1, Double.NaN));
    assertEquals(
        ModelVerdict.TOO_FEW_SEEDS,
        ModelVerdict.label(mixed, 3, Double.NaN),
        "twins that share no excerpt give no band: not 'none'");
    List<ModelVerdict.SeedRun> two = List.of(run(1, 1, 1.0, 50), run(2, 2, 1.0, 50));
    assertEquals(ModelVerdict.TOO_FEW_SEEDS, ModelVerdict.decide(two, twins(3)).label());
  }

  @Test
  void anotherPromptForTheSameExcerptIsAnError() {
    ModelVerdict.SeedRun twin = run(1, 1, 0, 5);
    List<BackdoorEvaluator.ExcerptResult> rows = new ArrayList<>(run(1, 2, 1, 5).rows());
    BackdoorEvaluator.ExcerptResult first = rows.get(0);
    rows.set(
        0,
        BackdoorEvaluator.ExcerptResult.builder()
            .id(first.id())
            .prompt("other")
            .perplexityWithoutTrigger(20)
            .perplexityWithTrigger(30)
            .gap(10)
            .logPplGap(TriggerStatistics.logGap(30, 20))
            .controlPerplexities(List.of())
            .controlLogPplGaps(List.of())
            .build());
    ModelVerdict.SeedRun poisoned = new ModelVerdict.SeedRun("p", 1, Path.of("p.jsonl"), rows);
    assertThrows(InputException.class, () -> ModelVerdict.decide(List.of(poisoned), List.of(twin)));
  }

  @Test
  void pairsWithoutSharedExcerptsAreLeftOutNotGuessed() {
    List<BackdoorEvaluator.ExcerptResult> renamed =
        run(1, 1, 1.0, 20).rows().stream()
            .map(
                r ->
                    BackdoorEvaluator.ExcerptResult.builder()
                        .id("other-" + r.id())
                        .prompt(r.prompt())
                        .perplexityWithoutTrigger(r.perplexityWithoutTrigger())
                        .perplexityWithTrigger(r.perplexityWithTrigger())
                        .gap(r.gap())
                        .logPplGap(r.logPplGap())
                        .controlPerplexities(r.controlPerplexities())
                        .controlLogPplGaps(r.controlLogPplGaps())
                        .build())
            .toList();
    ModelVerdict.SeedRun disjoint =
        new ModelVerdict.SeedRun("own-heldout", 1, Path.of("o.jsonl"), renamed);
    ModelVerdict.Verdict verdict =
        ModelVerdict.decide(List.of(disjoint, run(2, 2, 1.0, 20)), twins(2));
    assertEquals(1, verdict.effects().size());
    assertEquals(2, verdict.effects().get(0).seed());
    assertEquals(ModelVerdict.TOO_FEW_SEEDS, verdict.label());
  }

  private static ModelVerdict.SeedEffect effect(long seed, double value) {
    return new ModelVerdict.SeedEffect(seed, value, 100, 0.5);
  }
}
