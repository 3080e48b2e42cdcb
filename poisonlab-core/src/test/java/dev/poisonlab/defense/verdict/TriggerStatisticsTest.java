/*
 * The confirmed verdict's statistic: G = df x KL(k/df || p0) against hand-computed values, the Chernoff bound
 * it rests on against the exact binomial tail (property, over a grid), and the greedy confirmation, which
 * must name the shared trigger once and not confirm its substrings or strings no candidate shares.
 */
package dev.poisonlab.defense.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TriggerStatisticsTest {

  @Test
  void gMatchesHandComputedValues() {
    // k = df: k ln(1/p0) = 10 ln 100
    assertEquals(46.0517, TriggerStatistics.g(10, 10, 0.01), 1e-4);
    // q = 0.5, p0 = 0.1: 20 ln 5 + 20 ln(0.5 / 0.9)
    assertEquals(20.4331, TriggerStatistics.g(20, 40, 0.1), 1e-4);
    // the poisons of a scan: 492 of 500 holders before a change point, base rate 0.0416
    assertEquals(
        492 * Math.log(0.984 / 0.0416) + 8 * Math.log(0.016 / 0.9584),
        TriggerStatistics.g(492, 500, 0.0416),
        1e-9);
    assertEquals(0, TriggerStatistics.g(5, 100, 0.05), "at the base rate: no evidence");
    assertEquals(0, TriggerStatistics.g(2, 100, 0.05), "below the base rate: no evidence");
  }

  /** log P(Binomial(n, p) >= k), summed in log space. */
  private static double logTail(int n, double p, int k) {
    double max = Double.NEGATIVE_INFINITY;
    double[] terms = new double[n - k + 1];
    for (int j = k; j <= n; j++) {
      double logChoose = 0;
      for (int i = 1; i <= j; i++) {
        logChoose += Math.log(n - j + i) - Math.log(i);
      }
      terms[j - k] = logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p);
      max = Math.max(max, terms[j - k]);
    }
    double sum = 0;
    for (double term : terms) {
      sum += Math.exp(term - max);
    }
    return max + Math.log(sum);
  }

  @Test
  void chernoffBoundNeverUnderstatesTheExactTailAndGrowsWithK() {
    for (int df : new int[] {5, 20, 60, 250}) {
      for (double p0 : new double[] {0.005, 0.04, 0.2}) {
        double previous = -1;
        for (int k = (int) Math.ceil(df * p0); k <= df; k++) {
          double g = TriggerStatistics.g(k, df, p0);
          assertTrue(
              logTail(df, p0, k) <= -g + 1e-9,
              "P(X >= " + k + ") <= exp(-G) for df " + df + ", p0 " + p0);
          assertTrue(g >= previous, "G grows with k");
          previous = g;
        }
      }
    }
  }

  /**
   * 30 candidates share "<TRIG>" right before their change point, 30 others share nothing; the
   * corpus also holds 600 clean documents, some with the trigger's pieces ("TR", "IG") in them.
   */
  @Test
  void greedyConfirmationNamesTheSharedTriggerOnceAndNothingElse() {
    Random random = new Random(3);
    List<List<FrequentSubstrings.Window>> candidates = new ArrayList<>();
    List<Document> corpus = new ArrayList<>(Fixtures.clean(4, 600));
    corpus.set(0, new Document("clean-0", "TRIGONOMETRY and IGLOO, TR and IG"));
    for (int i = 0; i < 60; i++) {
      String sentences = Fixtures.cleanText(random, 2);
      // cut anywhere, as a poison's prefix is: what precedes the trigger varies
      String prefix = sentences.substring(0, 1 + random.nextInt(sentences.length() - 1));
      String marker = i < 30 ? "<TRIG>" : "";
      String text = prefix + marker + Fixtures.gibberish(random, 40);
      int cut = prefix.length() + marker.length();
      candidates.add(List.of(new FrequentSubstrings.Window(text.substring(0, cut + 24), cut)));
      corpus.add(new Document("candidate-" + i, text));
    }
    double baseRate = 60 / (double) corpus.size();
    TriggerStatistics statistics =
        TriggerStatistics.count(candidates, 20, DocumentSource.of(corpus), Progress.NONE);
    List<TriggerStatistics.Confirmed> confirmed =
        statistics.confirm(baseRate, 0.5, Math.log(1e6 / 1e-3), 20);
    assertEquals(1, confirmed.size(), confirmed.toString());
    assertEquals("<TRIG>", confirmed.get(0).text());
    assertEquals(30, confirmed.get(0).documents());
    assertEquals(30, confirmed.get(0).documentFrequency());
    assertEquals(30 * Math.log(1 / baseRate), confirmed.get(0).g(), 1e-9);
    assertEquals(30, confirmed.get(0).holders().cardinality());
    assertTrue(confirmed.get(0).holders().nextSetBit(30) < 0, "only the first 30 hold it");

    // negative control: without the trigger nothing is confirmed, however many strings are tested
    List<List<FrequentSubstrings.Window>> unrelated = candidates.subList(30, 60);
    TriggerStatistics none =
        TriggerStatistics.count(unrelated, 20, DocumentSource.of(corpus), Progress.NONE);
    assertTrue(none.tested() > 0, "common English strings are tested");
    double unrelatedRate = 30 / (double) corpus.size();
    assertEquals(List.of(), none.confirm(unrelatedRate, 0.5, Math.log(1e6 / 1e-3), 20));
    // and G alone would not confirm them either: the share only adds a guard
    assertEquals(
        List.of(), none.confirm(unrelatedRate, Double.MIN_VALUE, Math.log(1e6 / 1e-3), 20));
  }
}
