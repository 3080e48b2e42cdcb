/*
 * The open-addressing unit counter agrees with a HashMap through growth and merging, including key 0.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnitCountsTest {
  @Test
  void countsExactlyThroughGrowthAndMerge() {
    Random random = new Random(7);
    UnitCounts left = new UnitCounts(4);
    UnitCounts right = new UnitCounts(4);
    Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      long key = i % 5 == 0 ? 0L : random.nextInt(3000) * 0x9E3779B97F4A7C15L;
      (i % 2 == 0 ? left : right).increment(key, 1);
      reference.merge(key, 1, Integer::sum);
    }
    left.addAll(right);
    assertEquals(reference.size(), left.size());
    reference.forEach((key, count) -> assertEquals(count, left.get(key), "key " + key));
    assertEquals(0, left.get(12345L));
  }
}
