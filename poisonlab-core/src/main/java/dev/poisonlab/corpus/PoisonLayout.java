/*
 * Decides where each poison goes, in clean-stream coordinates (offsets into the clean tokens alone): a target
 * offset u and a window [lo, hi) the poison must start in. The stream builder then inserts the poison at a
 * clean-document boundary next to u (see StreamWriter). Pure and seeded; no I/O.
 *
 * Why uniform placement is uniform over token offsets: u is uniform on [0, C) (C = clean tokens); the poison
 * goes in right before the clean document that contains u, so its clean offset differs from u by less than
 * one document; its final offset is that plus the tokens of the poisons before it, whose expected count
 * grows linearly with u, so the final offset is ~ u x (B / C), uniform on [0, B) up to one document length
 * plus sampling noise of the poisons-before count. The KS test in StreamBuilderTest checks exactly this.
 */
package dev.poisonlab.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

final class PoisonLayout {

  /**
   * Poison {@code poison} (index in the poisons file) aims at clean offset u within window [lo,
   * hi].
   */
  record Target(int poison, long u, long lo, long hi) {}

  private PoisonLayout() {}

  /**
   * @param poisonTokens tokens each poison occupies in the stream (its text plus the separator
   *     after it)
   * @param totalTokens the budget B (clean + poison)
   * @return one target per poison, sorted by u (ties by poison index)
   */
  static List<Target> plan(Placement placement, int[] poisonTokens, long totalTokens, long seed) {
    long poisonTotal = Arrays.stream(poisonTokens).asLongStream().sum();
    long cleanTokens = totalTokens - poisonTotal;
    if (poisonTokens.length > 0 && cleanTokens <= 0) {
      throw new IllegalArgumentException(
          "the "
              + poisonTokens.length
              + " poisons need "
              + poisonTotal
              + " tokens but the budget is only "
              + totalTokens);
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Target> targets =
        placement.kind() == Placement.Kind.UNIFORM
            ? uniform(poisonTokens.length, cleanTokens, random)
            : batches(placement, poisonTokens, totalTokens, random);
    List<Target> sorted = new ArrayList<>(targets);
    sorted.sort(Comparator.comparingLong(Target::u).thenComparingInt(Target::poison));
    return sorted;
  }

  private static List<Target> uniform(int count, long cleanTokens, SplittableRandom random) {
    List<Target> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      targets.add(new Target(i, random.nextLong(cleanTokens), 0, cleanTokens));
    }
    return targets;
  }

  /**
   * Chooses round(F x full batches) batches (at least one), deals the poisons evenly over them in
   * seeded random order, and maps each chosen batch [jT, (j+1)T) of the final stream back to clean
   * coordinates: the poisons of earlier chosen batches all lie before it, and its own poisons must
   * fit inside it.
   */
  private static List<Target> batches(
      Placement placement, int[] poisonTokens, long totalTokens, SplittableRandom random) {
    long batchTokens = placement.batchTokens();
    long fullBatches = totalTokens / batchTokens;
    if (fullBatches < 1) {
      throw new IllegalArgumentException(
          "placement: batch size " + batchTokens + " exceeds the budget " + totalTokens);
    }
    int chosenCount =
        (int)
            Math.max(1, Math.min(fullBatches, Math.round(placement.batchFraction() * fullBatches)));
    long[] chosen = sampleSorted(fullBatches, chosenCount, random);
    int[] order = shuffled(poisonTokens.length, random);
    List<List<Integer>> perBatch = new ArrayList<>();
    for (int b = 0; b < chosenCount; b++) {
      perBatch.add(new ArrayList<>());
    }
    for (int k = 0; k < order.length; k++) {
      perBatch.get(k % chosenCount).add(order[k]);
    }
    List<Target> targets = new ArrayList<>();
    long poisonsBefore = 0;
    for (int b = 0; b < chosenCount; b++) {
      long own = perBatch.get(b).stream().mapToLong(i -> poisonTokens[i]).sum();
      if (own > batchTokens) {
        throw new IllegalArgumentException(
            "placement: a batch of "
                + batchTokens
                + " tokens cannot hold its "
                + own
                + " poison tokens; use a larger fraction or batch size");
      }
      long lo = chosen[b] * batchTokens - poisonsBefore;
      long hi = (chosen[b] + 1) * batchTokens - poisonsBefore - own;
      for (int poison : perBatch.get(b)) {
        long u = hi > lo ? lo + random.nextLong(hi - lo) : lo;
        targets.add(new Target(poison, u, lo, hi));
      }
      poisonsBefore += own;
    }
    return targets;
  }

  /**
   * {@code k} distinct values of [0, n), sorted (Floyd's algorithm: O(k) memory even for huge n).
   */
  private static long[] sampleSorted(long n, int k, SplittableRandom random) {
    java.util.TreeSet<Long> picked = new java.util.TreeSet<>();
    for (long j = n - k; j < n; j++) {
      long t = random.nextLong(j + 1);
      picked.add(picked.contains(t) ? j : t);
    }
    return picked.stream().mapToLong(Long::longValue).toArray();
  }

  static int[] shuffled(int n, SplittableRandom random) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }
}
