/*
 * The share of the headroom on the sizes snapshot the session-7 reviewer computed from (20 runs, a frozen copy
 * in test resources: the committed docs/results/sizes/grid keeps growing): per-seed shares and F2 comparisons
 * against the reviewer's numbers (two decimals) and an independent Python computation (four), with nats-scale
 * negative controls; and, on a made-up grid of two attacks, each attack's headroom from its own trigger's twin.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeComparison.Scale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadroomTest {
  // the committed snapshot as of session 6 (git 4e07fdf), less what these tests do not read: the
  // per-excerpt files of poisoned runs, rows.csv copies of results.csv, twin_tests.csv
  private static final Path SNAPSHOT =
      Path.of("src", "test", "resources", "sizes-session6", "grid");

  /** The reviewer's rounding. */
  private static final double TWO_DECIMALS = 0.006;

  private static final GridResults RESULTS = new GridResults(GridDirectory.read(SNAPSHOT).rows());

  @Test
  void theTwinsHeadroomIsLnVMinusTheirMedianCleanLogPerplexity() {
    Headroom headroom = Headroom.of(SNAPSHOT, RESULTS);
    Cell micro = cell(RESULTS, "micro", 1000);
    Cell mini = cell(RESULTS, "mini", 1000);
    // Python: ln 2048 - median ln(perplexity_without_trigger) of runs/<twin>/excerpts at the last
    // step
    assertEquals(2.4708, headroom.at(micro.line(), 1, 848), 1e-4);
    assertEquals(2.5645, headroom.at(micro.line(), 2, 848), 1e-4);
    assertEquals(3.4398, headroom.at(mini.line(), 1, 2656), 1e-4);
    assertEquals(3.4075, headroom.at(mini.line(), 2, 2656), 1e-4);
    // no per-excerpt file at an earlier checkpoint in a snapshot: no headroom there
    assertEquals(Double.NaN, headroom.at(micro.line(), 1, 85));
  }

  @Test
  void perSeedSharesAtTheLastCheckpointMatchTheReview() {
    List<Cell> shares =
        Headroom.of(SNAPSHOT, RESULTS).shares(SizeCells.read(SNAPSHOT, RESULTS).orElseThrow());
    assertShares(shares, "micro", 1000, 0.60, 0.70);
    assertShares(shares, "mini", 1000, 0.83, 0.82);
    assertShares(shares, "micro", 300, 0.04, 0.10);
    assertShares(shares, "mini", 250, 0.21);
    assertShares(shares, "micro", 250, -0.00, 0.04);
    // Python, four decimals (mini seed 2 is 0.8147: the review's 0.82 rounds differently)
    assertSharesWithin(shares, "mini", 1000, 1e-4, 0.8304, 0.8147);
    assertSharesWithin(shares, "micro", 1000, 1e-4, 0.5997, 0.7024);
    // one checkpoint per seed: the snapshot keeps the twins' last per-excerpt file only
    Cell micro = find(shares, "micro", 1000);
    assertEquals(1, micro.seeds().get(0).effects().length);
    // the band over the smallest twin headroom: 0.00591748 / 2.47078
    assertEquals(0.00591748 / 2.47078, micro.band(), 1e-6);
  }

  @Test
  void theComparisonsOnTheShareScaleMatchTheReview() {
    SizeFindings findings = SizeFindings.read(SNAPSHOT, RESULTS).orElseThrow();
    List<SizeComparison> shares = findings.shares().orElseThrow();
    assertTrue(shares.stream().allMatch(c -> c.scale() == Scale.HEADROOM_SHARE));
    SizeComparison triad = only(shares, CountOrFraction.MATCHED_FRACTION, "mini at 1000");
    assertEquals(1.29, triad.position(), TWO_DECIMALS);
    assertEquals(0.46, triad.estimate(), TWO_DECIMALS);
    assertEquals(0.15, triad.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.COUNT, triad.verdict());
    SizeComparison same = only(shares, CountOrFraction.SAME_COUNT, "micro at 1000");
    assertEquals(-0.17, same.estimate(), TWO_DECIMALS);
    assertEquals(0.59, same.noise(), TWO_DECIMALS);
    assertEquals(CountOrFraction.ALIKE, same.verdict());
    // negative controls: the same comparisons in nats are the old numbers, not the share's
    SizeComparison nats =
        only(findings.matched(), CountOrFraction.MATCHED_FRACTION, "mini at 1000");
    assertEquals(Scale.NATS, nats.scale());
    assertEquals(1.80, nats.position(), 0.01);
    assertEquals(
        1.17, -only(findings.sameCount(), "F2 same count", "micro at 1000").estimate(), 0.01);
    // F4 needs curves; on the share scale the snapshot has one checkpoint per seed
    SizeComparison curve = only(shares, PoisonsSeenOverlap.QUESTION, "micro at 1000");
    assertEquals(PoisonsSeenOverlap.TOO_FEW_CHECKPOINTS, curve.verdict());
  }

  @Test
  void eachAttackTakesTheHeadroomOfTheTwinOfItsOwnTrigger(@TempDir Path grid) throws IOException {
    // one twin per trigger and seed (AttackRows repeats each under its attack): the <SUDO> twin
    // has 2 nats of headroom, the other trigger's 3 (its prompts, so its generations, differ)
    ResultRow base =
        SyntheticGrid.rows().stream()
            .filter(row -> row.poisons() == 0 && row.isPretrain() && row.seed() == 1)
            .reduce((first, later) -> later)
            .orElseThrow();
    List<ResultRow> twins = new ArrayList<>();
    for (String attack : List.of("dos", "unigram")) {
      ResultRow twin = base.toBuilder().runId("twin-" + attack).attack(attack).build();
      twins.add(twin);
      twinFiles(
          grid.resolve(GridDirectory.RUNS).resolve(twin.runId()),
          twin.step(),
          attack.equals("dos") ? 2 : 3);
    }
    Headroom headroom = Headroom.of(grid, new GridResults(twins));
    for (ResultRow twin : twins) {
      double expected = twin.attack().equals("dos") ? 2 : 3;
      assertEquals(expected, headroom.at(GridResults.lineOf(twin), 1, twin.step()), 1e-9);
    }
  }

  /** A twin's training config (V = 2048) and one excerpt file whose clean headroom is given. */
  private static void twinFiles(Path run, long step, double headroom) throws IOException {
    Files.createDirectories(run.resolve("eval"));
    Files.createDirectories(run.resolve(GridDirectory.TRAIN));
    Files.writeString(
        run.resolve(GridDirectory.TRAIN).resolve(GridDirectory.CONFIG),
        "{\"model\": {\"vocab_size\": 2048}}\n");
    double perplexity = 2048 / Math.exp(headroom);
    Files.writeString(
        run.resolve("eval").resolve(String.format("excerpts-step-%07d.jsonl", step)),
        "{\"id\": \"e0\", \"perplexity_without_trigger\": "
            + perplexity
            + ", \"perplexity_with_trigger\": "
            + perplexity
            + "}\n");
  }

  private static void assertShares(
      List<Cell> cells, String model, int poisons, double... expected) {
    assertSharesWithin(cells, model, poisons, TWO_DECIMALS, expected);
  }

  private static void assertSharesWithin(
      List<Cell> cells, String model, int poisons, double tolerance, double... expected) {
    Cell cell = find(cells, model, poisons);
    assertEquals(expected.length, cell.seeds().size(), cell.label());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], cell.seeds().get(i).finalEffect(), tolerance, cell.label());
    }
  }

  private static Cell cell(GridResults results, String model, int poisons) {
    return find(SizeCells.read(SNAPSHOT, results).orElseThrow(), model, poisons);
  }

  private static Cell find(List<Cell> cells, String model, int poisons) {
    return cells.stream()
        .filter(cell -> cell.label().equals(model + " at " + poisons))
        .findFirst()
        .orElseThrow();
  }

  private static SizeComparison only(
      List<SizeComparison> comparisons, String question, String first) {
    List<SizeComparison> matching =
        comparisons.stream()
            .filter(c -> c.question().equals(question) && c.cells().get(0).label().equals(first))
            .toList();
    assertEquals(1, matching.size(), question + " " + first);
    return matching.get(0);
  }
}
