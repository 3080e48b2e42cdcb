/*
 * A grid seeded from a snapshot (scripts/snapshot-grid.sh: no eval/ directories; per-excerpt files gzipped
 * under excerpts/ at every checkpoint, before session 15 a poisoned run's at its last only) on real tiny runs:
 * the runs it trains anew are tested against the snapshot's twins, verdicts.csv keeps the snapshot's rows at
 * the checkpoints whose files the snapshot no longer holds, and judges them anew where it holds them. Not the
 * scripts themselves (bash; docs/grid.md).
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeededGridTest {
  private static final String TWIN = "runs/nano-p0-x0.02-s1";
  private static final String POISONED = "runs/nano-p3-x0.02-s1";

  @TempDir Path dir;

  /**
   * A poisoned run trained in the seeded grid gets the twin tests it had in the original, with the
   * same numbers; with no excerpts/ either, it has none.
   */
  @Test
  void aRunTrainedInASeededGridIsTestedAgainstTheSnapshotsTwin() throws IOException {
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(3), TinyGrids.corpus(dir));
    Path grid = dir.resolve("grid");
    GridRunner.run(spec, grid, TinyGrids.quiet());
    Path poisoned = grid.resolve(POISONED);
    List<String> expected = Files.readAllLines(poisoned.resolve(TwinTests.FILE));
    snapshot(grid.resolve(TWIN), false);
    retrain(grid, poisoned);

    GridRunner.Result seeded = GridRunner.run(spec, grid, TinyGrids.quiet());
    assertEquals(1, seeded.finished());
    assertEquals(expected, Files.readAllLines(poisoned.resolve(TwinTests.FILE)));

    deleteTree(grid.resolve(TWIN).resolve(Verdicts.SNAPSHOT_EXCERPTS));
    retrain(grid, poisoned);
    GridRunner.run(spec, grid, TinyGrids.quiet());
    assertTrue(
        !Files.exists(poisoned.resolve(TwinTests.FILE)),
        "without the twin's per-excerpt files there is nothing to test against");
  }

  /**
   * Seed 1 as a snapshot, seed 2 trained in the seeded grid: the configuration's last step is
   * judged on both seeds; its first step, which seed 1's snapshot no longer holds, keeps the
   * snapshot's row (seed 1 alone, as it says) instead of vanishing.
   */
  @Test
  void aSeededGridKeepsTheSnapshotsVerdictsAtEarlierCheckpoints() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    Path grid = dir.resolve("grid");
    GridRunner.run(TinyGrids.spec(List.of("nano"), List.of(3), corpus), grid, TinyGrids.quiet());
    List<String> before = Files.readAllLines(grid.resolve(Verdicts.FILE));
    assertEquals(3, before.size(), "header + the configuration at both checkpoints");
    snapshot(grid.resolve(TWIN), false);
    snapshot(grid.resolve(POISONED), true);

    GridSpec twoSeeds = TinyGrids.spec(List.of("nano"), List.of(3), List.of(1L, 2L), corpus);
    GridRunner.Result seeded = GridRunner.run(twoSeeds, grid, TinyGrids.quiet());
    assertEquals(2, seeded.finished(), "seed 2's twin and poisoned run");
    List<String> after = Files.readAllLines(grid.resolve(Verdicts.FILE));
    assertEquals(3, after.size(), after.toString());
    assertEquals(before.get(1), after.get(1), "the first checkpoint's row, kept as it was");
    int seeds = List.of(after.get(0).split(",")).indexOf("seeds");
    assertEquals("1 2", after.get(2).split(",")[seeds], "the last checkpoint, judged anew");
  }

  /**
   * Since session 15 a snapshot keeps a poisoned run's files at every checkpoint: then the seeded
   * grid judges the first step anew on both seeds too (the case above, with the last file only, is
   * the control that keeps seed 1 alone there).
   */
  @Test
  void aSnapshotWithEveryCheckpointIsJudgedAnewOnBothSeedsAtEveryStep() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    Path grid = dir.resolve("grid");
    GridRunner.run(TinyGrids.spec(List.of("nano"), List.of(3), corpus), grid, TinyGrids.quiet());
    snapshot(grid.resolve(TWIN), false);
    snapshot(grid.resolve(POISONED), false);

    GridSpec twoSeeds = TinyGrids.spec(List.of("nano"), List.of(3), List.of(1L, 2L), corpus);
    GridRunner.run(twoSeeds, grid, TinyGrids.quiet());
    List<String> after = Files.readAllLines(grid.resolve(Verdicts.FILE));
    assertEquals(3, after.size(), after.toString());
    int seeds = List.of(after.get(0).split(",")).indexOf("seeds");
    assertEquals("1 2", after.get(1).split(",")[seeds], "the first checkpoint, judged anew");
    assertEquals("1 2", after.get(2).split(",")[seeds], "the last checkpoint, judged anew");
  }

  /**
   * Turns a run into its snapshot form: eval/'s per-excerpt files gzipped under excerpts/ (only the
   * last when {@code lastOnly}), eval/ deleted.
   */
  private static void snapshot(Path run, boolean lastOnly) throws IOException {
    Path excerpts = Files.createDirectories(run.resolve(Verdicts.SNAPSHOT_EXCERPTS));
    List<Path> files;
    try (Stream<Path> children = Files.list(run.resolve("eval"))) {
      files =
          children
              .filter(f -> f.getFileName().toString().startsWith("excerpts-step-"))
              .sorted()
              .toList();
    }
    assertEquals(2, files.size(), "one per checkpoint");
    for (Path file : lastOnly ? files.subList(files.size() - 1, files.size()) : files) {
      Path copy = excerpts.resolve(file.getFileName() + ".gz");
      try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(copy))) {
        Files.copy(file, out);
      }
    }
    deleteTree(run.resolve("eval"));
  }

  /** Leaves the run as a grid seeded from a snapshot has it before the run is trained. */
  private static void retrain(Path grid, Path run) throws IOException {
    for (String name : List.of("rows.csv", TwinTests.FILE)) {
      Files.deleteIfExists(run.resolve(name));
    }
    Files.deleteIfExists(grid.resolve(TwinTests.FILE));
    Files.deleteIfExists(grid.resolve("results.csv"));
    for (String name : List.of("eval", "train", "stream")) {
      deleteTree(run.resolve(name));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
