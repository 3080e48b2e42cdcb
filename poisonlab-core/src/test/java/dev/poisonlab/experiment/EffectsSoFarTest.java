/*
 * EffectsSoFar: a running run's effect over its twin at every checkpoint both evaluated (its eval/ against a
 * snapshot twin's excerpts/), with a shift it must find, and a placebo and a second twin that must stay near zero;
 * a twin that has evaluated nothing at the run's step; not a grid; and the committed sizes snapshot, whose every finished run must give the
 * per-seed effect verdicts.csv records for it.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectsSoFarTest {
  @TempDir Path dir;

  private GridSpec writeSpec() throws Exception {
    GridSpec spec =
        TinyGrids.spec(List.of("nano"), List.of(50), List.of(1L, 2L), dir.resolve("corpus.jsonl"))
            .withPlaceboCounts(List.of(50));
    Files.writeString(dir.resolve(GridWorkspace.SPEC_FILE), spec.toJson());
    return spec;
  }

  private Path runDirectory(String id) {
    return dir.resolve("runs").resolve(id);
  }

  private Map<String, EffectsSoFar.RunEffects> byRun() {
    Map<String, EffectsSoFar.RunEffects> byRun = new HashMap<>();
    EffectsSoFar.read(dir).forEach(run -> byRun.put(run.runId(), run));
    return byRun;
  }

  @Test
  void aRunningRunAgainstASnapshotTwinAtEveryCheckpointBothEvaluated() throws Exception {
    writeSpec();
    // the twin (a snapshot's, gzipped) kept steps 5, 10 and 15; the runs still train: eval/ to 10
    for (long step : List.of(5L, 10L, 15L)) {
      ExcerptFixtures.write(
          runDirectory("nano-p0-x0.02-s1").resolve("excerpts"), "t1", step, 0, true);
    }
    for (long step : List.of(5L, 10L)) {
      Path poisoned = runDirectory("nano-p50-x0.02-s1").resolve("eval");
      ExcerptFixtures.write(poisoned, "p1", step, step == 10 ? 1.5 : 0, false);
      Path placebo = runDirectory("nano-p50-x0.02-s1-placebo").resolve("eval");
      ExcerptFixtures.write(placebo, "q1", step, 0, false);
    }
    Map<String, EffectsSoFar.RunEffects> byRun = byRun();
    assertEquals(5, byRun.size(), "poisoned and placebo runs of two seeds, the seed-2 twin");
    assertTrue(!byRun.containsKey("nano-p0-x0.02-s1"), "the first seed's twin is the reference");

    EffectsSoFar.RunEffects poisoned = byRun.get("nano-p50-x0.02-s1");
    assertEquals("nano-p0-x0.02-s1", poisoned.twinId());
    assertEquals(List.of(5L, 10L), poisoned.steps().stream().map(s -> s.step()).toList());
    assertEquals(0, poisoned.steps().get(0).effectNats(), 0.1, "no shift at step 5");
    assertEquals(1.5, poisoned.latest().orElseThrow().effectNats(), 0.1, "the shift at step 10");
    assertEquals(ExcerptFixtures.EXCERPTS, poisoned.latest().orElseThrow().pairs());

    // negative control: the placebo carries no shift, so its effect stays inside the noise
    double placebo = byRun.get("nano-p50-x0.02-s1-placebo").latest().orElseThrow().effectNats();
    assertEquals(0, placebo, 0.1);
    assertTrue(poisoned.latest().orElseThrow().effectNats() - placebo > 1.2);

    // the seed-2 twin against the seed-1 twin: the noise, near zero (a second negative control)
    ExcerptFixtures.write(runDirectory("nano-p0-x0.02-s2").resolve("eval"), "t2", 10, 0, false);
    EffectsSoFar.RunEffects twins = byRun().get("nano-p0-x0.02-s2");
    assertEquals("nano-p0-x0.02-s1", twins.twinId());
    assertEquals(0, twins.latest().orElseThrow().effectNats(), 0.1);

    // seed 2's poisoned run: nothing evaluated by its twin at its step 5, so nothing is compared
    ExcerptFixtures.write(runDirectory("nano-p50-x0.02-s2").resolve("eval"), "p2", 5, 1.5, false);
    EffectsSoFar.RunEffects second = byRun().get("nano-p50-x0.02-s2");
    assertTrue(second.steps().isEmpty());
    assertTrue(second.latest().isEmpty());
  }

  @Test
  void notAGridDirectoryIsAnInputErrorNamingGridJson() {
    InputException error = assertThrows(InputException.class, () -> EffectsSoFar.read(dir));
    assertTrue(error.getMessage().contains(GridWorkspace.SPEC_FILE), error.getMessage());
  }

  /**
   * Reference values: verdicts.csv's effects_nats, per seed in its seeds order, at each
   * configuration's last step; every finished poisoned run of the snapshot gives the same to the
   * file's 6 significant digits.
   */
  @Test
  void theCommittedSizesSnapshotGivesVerdictsCsvEffects() throws Exception {
    Path snapshot = Path.of("..", "docs", "results", "sizes", "grid");
    Map<String, Double> expected = new HashMap<>();
    List<String> lines = Files.readAllLines(snapshot.resolve(Verdicts.FILE));
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (!cells[header.indexOf("last_step")].equals("true")) {
        continue;
      }
      String[] seeds = cells[header.indexOf("seeds")].split(" ");
      String[] effects = cells[header.indexOf("effects_nats")].split(" ");
      for (int i = 0; i < seeds.length; i++) {
        String key =
            String.join(
                "/",
                cells[header.indexOf("model")],
                cells[header.indexOf("poisons")],
                cells[header.indexOf("placebo")],
                seeds[i]);
        expected.put(key, Double.parseDouble(effects[i]));
      }
    }
    Map<String, RunSpec> runs = new HashMap<>();
    GridSpec.read(snapshot.resolve(GridWorkspace.SPEC_FILE))
        .runs()
        .forEach(run -> runs.put(run.id(), run));
    int compared = 0;
    for (EffectsSoFar.RunEffects effects : EffectsSoFar.read(snapshot)) {
      RunSpec run = runs.get(effects.runId());
      if (run.isCleanTwin()
          || !Files.isRegularFile(snapshot.resolve("runs").resolve(run.id()).resolve("rows.csv"))) {
        continue;
      }
      String key =
          String.join(
              "/", run.model(), "" + run.numPoisonDocs(), "" + run.placebo(), "" + run.seed());
      double effect = effects.latest().orElseThrow().effectNats();
      assertEquals(expected.get(key), effect, 1e-5 * Math.max(1, Math.abs(effect)), key);
      compared++;
    }
    assertTrue(compared >= 27, "micro's 18 poisoned and placebo runs and mini's 9: " + compared);
  }
}
