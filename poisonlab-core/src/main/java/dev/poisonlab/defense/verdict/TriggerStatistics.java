/*
 * The statistic behind the confirmed verdict: per string before >= minDocuments candidates' change points,
 * k = those candidates, df = its holders; confirmed when k/df >= minShare and G = df x KL(k/df || p0) >= bound
 * (Chernoff: P(K >= k) <= exp(-G) if holders were candidates at the base rate p0), greedily by G, each trigger
 * explaining away its candidates so its pieces ("by the") do not ride on its evidence. Not a detector.
 */
package dev.poisonlab.defense.verdict;

import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;

final class TriggerStatistics {
  /** More confirmed triggers than this in one corpus is a setting gone wrong, not an attack. */
  static final int MAX_TRIGGERS = 64;

  record Confirmed(String text, int documents, int documentFrequency, double g, BitSet holders) {}

  private final List<String> tested;
  private final BitSet[] holders;
  private final int[] documentFrequency;

  private TriggerStatistics(List<String> tested, BitSet[] holders, int[] documentFrequency) {
    this.tested = tested;
    this.holders = holders;
    this.documentFrequency = documentFrequency;
  }

  /**
   * Counts, for every string before a change point in {@code minDocuments} or more of {@code
   * candidates} (each a list of windows), the candidates holding it and its document frequency over
   * {@code corpus}.
   */
  static TriggerStatistics count(
      List<List<FrequentSubstrings.Window>> candidates,
      int minDocuments,
      DocumentSource corpus,
      Progress progress) {
    Map<String, Integer> frequent = FrequentSubstrings.count(candidates, minDocuments);
    List<String> tested = new ArrayList<>();
    frequent
        .keySet()
        .forEach(
            text -> {
              if (!Character.isWhitespace(text.charAt(text.length() - 1))) {
                tested.add(text);
              }
            });
    Collections.sort(tested);
    SubstringIndex index = new SubstringIndex(frequent.keySet(), tested);
    BitSet[] holders = new BitSet[tested.size()];
    for (int i = 0; i < holders.length; i++) {
      holders[i] = new BitSet(candidates.size());
    }
    for (int c = 0; c < candidates.size(); c++) {
      int candidate = c;
      for (FrequentSubstrings.Window window : candidates.get(c)) {
        index.forEachStart(window.text(), window.cut(), i -> holders[i].set(candidate));
      }
    }
    int[] documentFrequency = new int[tested.size()];
    if (!tested.isEmpty()) {
      int[] lastSeen = new int[tested.size()];
      int[] document = {0};
      forEachDocument(
          corpus,
          progress,
          text -> {
            int stamp = ++document[0];
            index.forEachStart(
                text,
                text.length(),
                i -> {
                  if (lastSeen[i] != stamp) {
                    lastSeen[i] = stamp;
                    documentFrequency[i]++;
                  }
                });
          });
    }
    return new TriggerStatistics(tested, holders, documentFrequency);
  }

  /** Hands every document's text of {@code corpus} to {@code text}, counting them as progress. */
  private static void forEachDocument(
      DocumentSource corpus, Progress progress, java.util.function.Consumer<String> text) {
    try (java.util.stream.Stream<dev.poisonlab.io.Document> stream = corpus.open();
        Progress.Task bar = progress.start("confirm", -1, "docs")) {
      stream.forEach(
          document -> {
            text.accept(document.text());
            bar.step();
          });
    }
  }

  /** How many strings were tested (held by minDocuments candidates or more). */
  int tested() {
    return tested.size();
  }

  /**
   * Greedy confirmation: among strings with k >= minDocuments and k/df >= minShare, counted over
   * the candidates not yet explained (df less the explained ones holding it), the one of largest G,
   * while G >= bound.
   */
  List<Confirmed> confirm(double baseRate, double minShare, double bound, int minDocuments) {
    List<Confirmed> confirmed = new ArrayList<>();
    BitSet explained = new BitSet();
    boolean[] taken = new boolean[tested.size()];
    while (confirmed.size() < MAX_TRIGGERS) {
      int best = -1;
      double bestG = 0;
      int bestK = 0;
      int bestDf = 0;
      for (int i = 0; i < tested.size(); i++) {
        if (taken[i]) {
          continue;
        }
        BitSet open = (BitSet) holders[i].clone();
        open.andNot(explained);
        int k = open.cardinality();
        int df = documentFrequency[i] - (holders[i].cardinality() - k);
        if (k < minDocuments || df < k || k < minShare * df) {
          continue;
        }
        double g = g(k, df, baseRate);
        if (best < 0 || better(g, tested.get(i), bestG, tested.get(best))) {
          best = i;
          bestG = g;
          bestK = k;
          bestDf = df;
        }
      }
      if (best < 0 || bestG < bound) {
        break;
      }
      taken[best] = true;
      BitSet open = (BitSet) holders[best].clone();
      open.andNot(explained);
      explained.or(holders[best]);
      confirmed.add(new Confirmed(tested.get(best), bestK, bestDf, bestG, open));
    }
    return confirmed;
  }

  /** Larger G first; then the longer string (more specific), then the smaller in string order. */
  private static boolean better(double g, String text, double bestG, String bestText) {
    if (g != bestG) {
      return g > bestG;
    }
    if (text.length() != bestText.length()) {
      return text.length() > bestText.length();
    }
    return text.compareTo(bestText) < 0;
  }

  /**
   * df x KL(k/df || p0) in nats: the Chernoff exponent of P(Binomial(df, p0) >= k); 0 when k/df <=
   * p0. With k = df it is k ln(1/p0).
   */
  static double g(int k, int df, double p0) {
    if (df <= 0 || k < 0 || k > df) {
      throw new IllegalArgumentException("need 0 <= k <= df and df > 0, got " + k + ", " + df);
    }
    if (!(p0 > 0 && p0 < 1)) {
      return p0 <= 0 && k > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    double q = k / (double) df;
    if (q <= p0) {
      return 0;
    }
    double g = k * Math.log(q / p0);
    if (df > k) {
      g += (df - k) * Math.log((1 - q) / (1 - p0));
    }
    return g;
  }
}
