/*
 * The training controls across grids on two frozen snapshots: the sizes grid of session 6 (micro and mini at 1x)
 * and the steps control of session 7 (micro at mini's tokens and steps, 1000 poisons), against docs/sizes.md's
 * numbers (two decimals) and an independent Python computation (four). Also: matching on the training recorded,
 * not on the multiplier's value, what the grids may differ in, a replicate of the grid that pairs nothing and the
 * attack column of a grid of several. The report end to end and bad input are TrainingControlsReportTest's.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.report.GridResults.Line;
import dev.poisonlab.report.SizeCells.Cell;
import dev.poisonlab.report.SizeComparison.Scale;
import dev.poisonlab.report.TrainingControls.Control;
import dev.poisonlab.report.TrainingControls.Trained;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingControlsTest {
  static final Path SIZES = Path.of("src", "test", "resources", "sizes-session6", "grid");

  // docs/results/sizes-steps/grid at git 6caa085, less what the report does not read: the tokenizer
  // cache, rows.csv copies of results.csv, twin tests, the poisoned runs' per-excerpt files
  static final Path STEPS = Path.of("src", "test", "resources", "sizes-steps-session7", "grid");

  /** docs/sizes.md's rounding. */
  private static final double TWO_DECIMALS = 0.006;

  @TempDir Path dir;

  @Test
  void microAtMinisTrainingPairsWithMiniAndWithMicroAtOneX() {
    TrainingControls controls = read(SIZES, STEPS);
    assertEquals(2, controls.nats().size(), "micro x3.1315 at 1000 has two counterparts");
    Control sameTokens = controls.nats().get(0);
    Control otherLength = controls.nats().get(1);
    assertEquals(TrainingControls.SAME_TRAINING, sameTokens.comparison().question());
    assertEquals(TrainingControls.OTHER_TRAINING, otherLength.comparison().question());
    assertSide(sameTokens.a(), "micro", 3.1315, 1000, 2656);
    assertSide(sameTokens.b(), "mini", 1, 1000, 2656);
    assertSide(otherLength.b(), "micro", 1, 1000, 848);
    // docs/sizes.md, "The steps control": 1.97 / 2.11 nats, micro at 1x 1.48 / 1.80, mini 2.86 /
    // 2.78
    assertFinals(sameTokens.a().nats(), TWO_DECIMALS, 1.97, 2.11);
    assertFinals(otherLength.b().nats(), TWO_DECIMALS, 1.48, 1.80);
    assertFinals(sameTokens.b().nats(), TWO_DECIMALS, 2.86, 2.78);
    // the same on the share of the headroom: 0.63 / 0.68, 0.60 / 0.70, 0.83 / 0.81
    assertFinals(sameTokens.a().share(), TWO_DECIMALS, 0.63, 0.68);
    assertFinals(otherLength.b().share(), TWO_DECIMALS, 0.60, 0.70);
    assertFinals(sameTokens.b().share(), TWO_DECIMALS, 0.83, 0.81);
    // Python: effect / (ln 2048 - median ln clean perplexity of the same grid's same-seed twin)
    assertFinals(sameTokens.a().share(), 1e-4, 1.96910 / 3.12960, 2.11169 / 3.11213);
    assertFinals(sameTokens.b().share(), 1e-4, 0.8304, 0.8147);
  }

  @Test
  void theDifferencesTheirMarginsAndVerdictsOnBothScales() {
    TrainingControls controls = read(SIZES, STEPS);
    // Python (scipy's t quantile at the Welch–Satterthwaite df): estimate, margin
    SizeComparison sameTokens = controls.nats().get(0).comparison();
    assertEquals(-0.7758, sameTokens.estimate(), 1e-4);
    assertEquals(0.4597, sameTokens.noise(), 1e-4);
    assertEquals(0.0225808, sameTokens.band(), 1e-7, "mini's band, the wider");
    assertEquals(CountOrFraction.DIFFER, sameTokens.verdict());
    SizeComparison otherLength = controls.nats().get(1).comparison();
    assertEquals(0.3989, otherLength.estimate(), 1e-4);
    assertEquals(1.1881, otherLength.noise(), 1e-4);
    assertEquals(CountOrFraction.ALIKE, otherLength.verdict());
    assertEquals(2, controls.shares().size());
    assertEquals(0, controls.withoutShare());
    SizeComparison sameTokensShare = controls.shares().get(0).comparison();
    assertEquals(Scale.HEADROOM_SHARE, sameTokensShare.scale());
    assertEquals(-0.1687, sameTokensShare.estimate(), 1e-4);
    assertEquals(0.2235, sameTokensShare.noise(), 1e-4);
    assertEquals(CountOrFraction.ALIKE, sameTokensShare.verdict());
    SizeComparison otherLengthShare = controls.shares().get(1).comparison();
    assertEquals(0.0028, otherLengthShare.estimate(), 1e-4);
    assertEquals(0.3644, otherLengthShare.noise(), 1e-4);
    assertEquals(CountOrFraction.ALIKE, otherLengthShare.verdict());
  }

  @Test
  void theCsvHasOneRowPerPairAndScale() {
    List<String> lines = read(SIZES, STEPS).csv().lines().toList();
    assertEquals(String.join(",", TrainingControlTables.CSV_HEADER), lines.get(0));
    assertEquals(5, lines.size(), "two pairs in nats, then on the share");
    List<String> first = List.of(lines.get(1).split(",", -1));
    assertEquals(TrainingControlTables.CSV_HEADER.size() + 1, first.size(), lines.get(1));
    // the question is quoted (it has a comma), so a naive split sees it in two
    assertEquals(
        List.of("\"same tokens", " other size\"", "nats", "none", "1000"), first.subList(0, 5));
    assertTrue(lines.get(1).contains(",micro,3.1315,2656,21757952,2,"), lines.get(1));
    assertTrue(lines.get(1).contains(",mini,1,2656,21757952,2,"), lines.get(1));
    assertTrue(lines.get(1).contains(",differ,"), lines.get(1));
    assertTrue(lines.get(2).contains(",micro,1,848,6946816,2,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("\"same tokens, other size\",headroom_share,"));
  }

  @Test
  void aTwinWithoutItsExcerptFileLeavesItsSeedOffTheShareScaleOnly() throws IOException {
    // the share of the headroom needs the twin's per-excerpt file at the last step
    Path oneTwin = copy(STEPS, dir.resolve("one-twin"));
    Files.delete(excerpts(oneTwin, 1));
    TrainingControls one = read(SIZES, oneTwin);
    assertEquals(2, one.nats().get(0).comparison().measures().get(0).n(), "nats: both seeds");
    SizeComparison share = one.shares().get(0).comparison();
    assertEquals(1, share.measures().get(0).n(), "share: seed 2 only");
    assertEquals(CountOrFraction.TOO_FEW, share.verdict());
    assertEquals(0, one.withoutShare());
    Files.delete(excerpts(oneTwin, 2));
    TrainingControls none = read(SIZES, oneTwin);
    assertEquals(List.of(2, 0), List.of(none.nats().size(), none.shares().size()));
    assertEquals(2, none.withoutShare());
    assertTrue(
        TrainingControlTables.statements(none).stream()
            .anyMatch(line -> line.startsWith("On the share of the headroom: 2 of 2 pairs not")));
  }

  private static Path excerpts(Path grid, int seed) {
    return grid.resolve(
        "runs/micro-p0-x3.1315-s" + seed + "/excerpts/excerpts-step-0002656.jsonl.gz");
  }

  @Test
  void aGridOfSeveralAttacksNamesEachRowsAttackInALastColumn() {
    List<Control> controls = new ArrayList<>();
    for (String attack : List.of("dos", "unigram")) {
      Trained a = attacked(trained("micro", 1000, 2656, 21_757_952), attack);
      Trained b = attacked(trained("mini", 1000, 2656, 21_757_952), attack);
      assertEquals(Optional.of(TrainingControls.SAME_TRAINING), TrainingControls.question(a, b));
      controls.add(
          new Control(
              a, b, CountOrFraction.pair(TrainingControls.SAME_TRAINING, a.nats(), b.nats())));
    }
    // the rows of two attacks are otherwise the same cells: nothing else tells them apart
    List<String> lines = TrainingControlTables.csv(controls).lines().toList();
    assertEquals(String.join(",", TrainingControlTables.CSV_HEADER) + ",attack", lines.get(0));
    assertTrue(lines.get(1).endsWith(",dos"), lines.get(1));
    assertTrue(lines.get(2).endsWith(",unigram"), lines.get(2));
    assertEquals(lines.get(1).replace(",dos", ""), lines.get(2).replace(",unigram", ""));
    // an attack on one side only is no control
    Trained dos = attacked(trained("micro", 1000, 2656, 21_757_952), "dos");
    assertEquals(
        Optional.empty(),
        TrainingControls.question(dos, attacked(trained("mini", 1000, 2656, 21_757_952), "")));
  }

  @Test
  void matchingIsOnTheTrainingRecordedNotOnTheMultipliersValue() throws IOException {
    // the steps grid relabelled as data multiplier 1, the sizes grid's own value: its training
    // (2656 steps) still pairs it with mini, and micro at 1x (848 steps) is still other training
    Path relabelled = copy(STEPS, dir.resolve("relabelled"));
    for (String file : List.of(GridDirectory.RESULTS, VerdictFindings.FILE)) {
      Path path = relabelled.resolve(file);
      Files.writeString(path, Files.readString(path).replace(",3.1315,", ",1,"));
    }
    TrainingControls controls = read(SIZES, relabelled);
    assertEquals(2, controls.nats().size());
    assertEquals(1.0, controls.nats().get(0).a().nats().line().dataMultiplier());
    assertEquals("mini", controls.nats().get(0).b().nats().line().model());
    assertEquals(TrainingControls.OTHER_TRAINING, controls.nats().get(1).comparison().question());
  }

  @Test
  void whatOnlyDecidesWhichRunsExistMayDiffer() throws IOException {
    // a grid.json from before the defence axis (no "defenses": every run undefended), and one
    // that reached the same budget through tokens_per_param instead of data_multipliers: neither
    // changes how a run is trained, so both pair as the steps grid does
    Path older = edited(STEPS, "older", "  \"defenses\" : [ \"none\" ],\n", "");
    Path budget =
        edited(STEPS, "budget", "\"tokens_per_param\" : 20.0", "\"tokens_per_param\" : 62.63");
    for (Path other : List.of(older, budget)) {
      TrainingControls controls = read(SIZES, other);
      assertEquals(2, controls.nats().size(), other.toString());
      assertEquals(-0.7758, controls.nats().get(0).comparison().estimate(), 1e-4);
    }
    // and the other way round: the sizes grid's mini, whose learning rate is not micro's, is
    // checked against no run of the steps grid (it has no mini), so nothing is refused; micro at
    // 1x comes first (fewer parameters)
    TrainingControls reverse = read(STEPS, SIZES);
    assertEquals(
        List.of(TrainingControls.OTHER_TRAINING, TrainingControls.SAME_TRAINING),
        reverse.nats().stream().map(c -> c.comparison().question()).toList());
    assertEquals(-0.3989, reverse.nats().get(0).comparison().estimate(), 1e-4, "−(a − b)");
    assertEquals(0.7758, reverse.nats().get(1).comparison().estimate(), 1e-4, "−(a − b)");
  }

  @Test
  void trainingMatchesWithinTwoPercentOfStepsAndTokens() {
    Trained mini = trained("mini", 1000, 2656, 21_757_952);
    assertEquals(
        Optional.of(TrainingControls.SAME_TRAINING),
        TrainingControls.question(trained("micro", 1000, 2700, 21_757_952), mini));
    // 2.4% more steps: neither question (another model, other training)
    assertEquals(
        Optional.empty(),
        TrainingControls.question(trained("micro", 1000, 2720, 21_757_952), mini));
    assertEquals(
        Optional.empty(),
        TrainingControls.question(trained("micro", 1000, 2656, 22_300_000), mini));
    // another count is no control at all; the same model trained alike is a replicate
    assertEquals(
        Optional.empty(), TrainingControls.question(trained("micro", 250, 2656, 21_757_952), mini));
    assertEquals(Optional.empty(), TrainingControls.question(mini, mini));
    assertEquals(
        Optional.of(TrainingControls.OTHER_TRAINING),
        TrainingControls.question(trained("mini", 1000, 848, 6_946_816), mini));
  }

  @Test
  void aReplicateOfTheGridPairsNothing() throws IOException {
    // the same sizes grid in another directory: each model trained alike (a replicate), and the
    // two models trained differently, so no configuration answers either question
    TrainingControls controls = read(SIZES, copy(SIZES, dir.resolve("replicate")));
    assertTrue(controls.nats().isEmpty());
    assertTrue(controls.shares().isEmpty());
    assertEquals(
        String.join(",", TrainingControlTables.CSV_HEADER) + "\n", controls.csv(), "a header only");
    assertTrue(
        TrainingControlTables.statements(controls).get(1).startsWith("No training control:"));
  }

  static TrainingControls read(Path grid, Path other) {
    GridDirectory directory = GridDirectory.read(grid);
    return TrainingControls.read(directory, new GridResults(directory.rows()), List.of(other));
  }

  /** A copy of a grid directory, to change one file in. */
  static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  /** A copy of {@code grid} whose grid.json has {@code from} (which it must hold) replaced. */
  private Path edited(Path grid, String name, String from, String to) throws IOException {
    Path spec = copy(grid, dir.resolve(name)).resolve(GridDirectory.GRID);
    String text = Files.readString(spec);
    assertTrue(text.contains(from), from);
    Files.writeString(spec, text.replace(from, to));
    return spec.getParent();
  }

  private static Trained trained(String model, int poisons, double steps, double tokens) {
    Cell cell = SizeFixtures.finals(model, 1000, poisons, tokens, 100, 0.01, 1.0, 1.1);
    return new Trained(Path.of("grid"), cell, cell, steps, tokens);
  }

  /** The same configuration under one attack of a grid of several ("" for a grid of one). */
  private static Trained attacked(Trained side, String attack) {
    Cell cell = side.nats();
    Line line = cell.line();
    Cell named =
        new Cell(
            new Line(
                line.model(),
                line.params(),
                line.nonEmbeddingParams(),
                line.dataMultiplier(),
                line.defense(),
                attack),
            cell.poisons(),
            cell.poisonTokens(),
            cell.trainingTokens(),
            cell.seeds(),
            cell.band());
    return new Trained(side.grid(), named, named, side.steps(), side.tokens());
  }

  private static void assertSide(
      Trained side, String model, double multiplier, int poisons, double steps) {
    assertEquals(model, side.nats().line().model());
    assertEquals(multiplier, side.nats().line().dataMultiplier());
    assertEquals(poisons, side.nats().poisons());
    assertEquals(steps, side.steps());
  }

  private static void assertFinals(Cell cell, double tolerance, double... expected) {
    assertEquals(expected.length, cell.seeds().size(), cell.label());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], cell.seeds().get(i).finalEffect(), tolerance, cell.label());
    }
  }
}
