/*
 * Reference values for the gaps in nats and the specificity ratio: the log gap of known perplexities is
 * ln(a) - ln(b), its sign follows the perplexity gap's, and the ratio is undefined without a positive trigger
 * gap. Pure arithmetic on TriggerStatistics; the end-to-end check is RunEvaluatorTest.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogGapTest {

  @Test
  void logGapOfKnownPerplexities() {
    assertEquals(Math.log(2), TriggerStatistics.logGap(144, 72), 1e-15);
    assertEquals(0.0, TriggerStatistics.logGap(430, 430), 0.0);
    assertEquals(-Math.log(4), TriggerStatistics.logGap(45, 180), 1e-15);
    // the same perplexity gap of 50 is 0.53 nats at clean 72 but 0.11 at clean 430: why nats
    // compare sizes
    assertEquals(0.5274, TriggerStatistics.logGap(122, 72), 1e-4);
    assertEquals(0.1100, TriggerStatistics.logGap(480, 430), 1e-4);
    assertThrows(IllegalArgumentException.class, () -> TriggerStatistics.logGap(0, 10));
    assertThrows(IllegalArgumentException.class, () -> TriggerStatistics.logGap(10, Double.NaN));
  }

  @Test
  void statisticsAggregateLogGapsPerExcerptAndKeepTheSignOfThePerplexityGap() {
    Random random = new Random(3);
    double[] with = new double[101];
    double[] without = new double[101];
    double sum = 0;
    for (int i = 0; i < with.length; i++) {
      without[i] = 50 + random.nextDouble() * 400;
      with[i] = without[i] * Math.exp(random.nextGaussian());
      double logGap = Math.log(with[i]) - Math.log(without[i]);
      assertEquals(Math.signum(with[i] - without[i]), Math.signum(logGap));
      sum += logGap;
    }
    TriggerStatistics stats = TriggerStatistics.of("<SUDO>", with, without);
    assertEquals(sum / with.length, stats.logGap(), 1e-12);
    double[] logGaps = new double[with.length];
    for (int i = 0; i < with.length; i++) {
      logGaps[i] = Math.log(with[i] / without[i]);
    }
    assertEquals(TriggerStatistics.median(logGaps), stats.logGapMedian(), 1e-12);
    // the mean log gap is not the log of the mean perplexities' ratio (Jensen): a negative control
    // on the formula
    double ratioOfMeans = Math.log(TriggerStatistics.mean(with) / TriggerStatistics.mean(without));
    assertEquals(
        true,
        Math.abs(ratioOfMeans - stats.logGap()) > 1e-3,
        ratioOfMeans + " vs " + stats.logGap());
  }

  @Test
  void specificityRatioIsControlOverTriggerAndUndefinedWithoutAPositiveTriggerGap() {
    assertEquals(0.25, TriggerStatistics.specificityRatio(0.5, 2.0), 1e-15);
    assertEquals(-0.1, TriggerStatistics.specificityRatio(-0.2, 2.0), 1e-15);
    assertNull(TriggerStatistics.specificityRatio(0.5, 0.0));
    assertNull(TriggerStatistics.specificityRatio(0.5, -0.3));
    assertNull(TriggerStatistics.specificityRatio(null, 1.0));
    TriggerStatistics control =
        TriggerStatistics.of("<ABCD>", new double[] {20, 40}, new double[] {10, 10});
    assertEquals(control.logGap() / 1.5, control.withSpecificity(1.5).specificityRatio(), 1e-15);
    assertNull(control.withSpecificity(-1.0).specificityRatio());
  }

  @Test
  void checkpointCarriesTheLargestRatioAndNullWhenNoneIsDefined() {
    TriggerStatistics a =
        TriggerStatistics.of("a", new double[] {11}, new double[] {10}).withSpecificity(1.0);
    TriggerStatistics b =
        TriggerStatistics.of("b", new double[] {30}, new double[] {10}).withSpecificity(1.0);
    assertEquals(Math.log(3), CheckpointResult.maxSpecificity(List.of(a, b)), 1e-12);
    assertNull(CheckpointResult.maxSpecificity(List.of(a.withSpecificity(0.0))));
    assertNull(CheckpointResult.maxSpecificity(List.of()));
  }
}
