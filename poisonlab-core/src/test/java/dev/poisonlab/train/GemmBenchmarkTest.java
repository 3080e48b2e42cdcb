/*
 * GemmBenchmark's bookkeeping on tiny sizes: the peak is the best median, each size's best sample is at
 * least its median, bad requests are refused. No timing is asserted (speed belongs to `bench gemm`).
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GemmBenchmarkTest {
  @Test
  void peakIsTheBestMedianAndEverySizeIsMeasured() {
    GemmBenchmark.Result result =
        GemmBenchmark.run(new GemmBenchmark.Request(List.of(16, 32), 3, 1));
    assertEquals(
        List.of(16, 32), result.sizes().stream().map(GemmBenchmark.SizeResult::size).toList());
    double bestMedian = 0;
    for (GemmBenchmark.SizeResult size : result.sizes()) {
      assertTrue(size.medianGflops() > 0 && Double.isFinite(size.medianGflops()), size.toString());
      assertTrue(size.bestGflops() >= size.medianGflops(), size.toString());
      bestMedian = Math.max(bestMedian, size.medianGflops());
    }
    assertEquals(bestMedian, result.peakGflops(), 0.0);
    assertEquals(1, result.threads());
  }

  @Test
  void badRequestsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GemmBenchmark.Request(List.of(), 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new GemmBenchmark.Request(List.of(8), 3, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new GemmBenchmark.Request(List.of(64), 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new GemmBenchmark.Request(List.of(64), 1, -1));
  }
}
