/*
 * The grid runner on real tiny runs: results.csv holds every run's checkpoints and the report is drawn; a rerun
 * skips finished runs; a run interrupted mid-training resumes to exactly the uninterrupted results; one broken
 * run is reported while the others finish; a run locked by another process is skipped.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.Progress;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridRunnerTest {
  @TempDir Path dir;

  @Test
  void runsEveryRunThenSkipsThemAndResumesAnInterruptedOneExactly() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(3), corpus);
    Path grid = dir.resolve("grid");
    GridRunner.Result first = GridRunner.run(spec, grid, TinyGrids.quiet());
    assertEquals(2, first.finished());
    assertTrue(first.failures().isEmpty(), first.failures().toString());
    List<ResultRow> rows = ResultsCsv.read(grid.resolve("results.csv"));
    assertEquals(
        List.of("nano-p0-x0.02-s1", "nano-p3-x0.02-s1"),
        rows.stream().map(ResultRow::runId).distinct().toList());
    assertEquals(4, rows.size(), "two checkpoints per run");
    ResultRow lastPoisoned = rows.get(3);
    assertEquals(lastPoisoned.maxSteps(), lastPoisoned.step());
    assertEquals(
        3, lastPoisoned.poisonsSeen(), "every poison lies inside the stream the run trained on");
    assertTrue(Files.isRegularFile(first.report().html()));
    List<String> twinTests = Files.readAllLines(grid.resolve(TwinTests.FILE));
    assertEquals(
        3, twinTests.size(), "header + the poisoned run against its twin at both checkpoints");
    assertTrue(
        twinTests.get(1).startsWith("poisoned-vs-twin,nano-p3-x0.02-s1,nano-p0-x0.02-s1,nano,3,"),
        twinTests.get(1));
    assertEquals(
        twinTests,
        Files.readAllLines(grid.resolve("runs/nano-p3-x0.02-s1").resolve(TwinTests.FILE)));

    GridRunner.Result again = GridRunner.run(spec, grid, TinyGrids.quiet());
    assertEquals(0, again.finished());
    assertEquals(2, again.skipped());

    // a process killed after a run's rows.csv but before the grid files, whose successor is
    // killed too before it finishes anything: the successor's start brings them up to date
    Files.delete(grid.resolve(TwinTests.FILE));
    Files.delete(grid.resolve("runs/nano-p3-x0.02-s1").resolve(TwinTests.FILE));
    Files.delete(grid.resolve("results.csv"));
    assertThrows(
        IllegalStateException.class,
        () -> GridRunner.run(spec, grid, killedAtFirstLine()),
        "the stand-in for a kill");
    assertEquals(rows, ResultsCsv.read(grid.resolve("results.csv")));
    assertEquals(twinTests, Files.readAllLines(grid.resolve(TwinTests.FILE)));

    // a kill during training of the poisoned run: its later checkpoints, its evaluation and its
    // rows are gone
    Path run = grid.resolve("runs").resolve("nano-p3-x0.02-s1");
    Files.delete(run.resolve("rows.csv"));
    deleteTree(run.resolve("eval"));
    List<Path> checkpoints = listSorted(run.resolve("train").resolve("checkpoints"));
    assertEquals(2, checkpoints.size());
    deleteTree(checkpoints.get(1));
    GridRunner.Result resumed = GridRunner.run(spec, grid, TinyGrids.quiet());
    assertEquals(1, resumed.finished());
    assertEquals(
        rows,
        ResultsCsv.read(grid.resolve("results.csv")),
        "resumed results equal uninterrupted ones");
    assertEquals(
        twinTests, Files.readAllLines(grid.resolve(TwinTests.FILE)), "and so do the twin tests");
  }

  @Test
  void poisonedRunsPairWithTheirTwinAndTwinsWithTheOtherSeeds() {
    RunSpec poisoned = new RunSpec("nano", 10, 1, 1);
    RunSpec twin = new RunSpec("nano", 0, 1, 1);
    RunSpec otherSeedTwin = new RunSpec("nano", 0, 1, 2);
    assertTrue(TwinTests.isPartner(poisoned, twin));
    assertTrue(
        !TwinTests.isPartner(poisoned, otherSeedTwin) && !TwinTests.isPartner(poisoned, poisoned));
    assertTrue(
        !TwinTests.isPartner(poisoned, new RunSpec("micro", 0, 1, 1))
            && !TwinTests.isPartner(poisoned, new RunSpec("nano", 0, 2, 1)));
    assertTrue(
        !TwinTests.isPartner(new RunSpec("nano", 10, 1, 1, "surprisal"), twin)
            && TwinTests.isPartner(
                new RunSpec("nano", 10, 1, 1, "surprisal"),
                new RunSpec("nano", 0, 1, 1, "surprisal")),
        "a defended run pairs with the equally defended twin");
    assertTrue(
        TwinTests.isPartner(twin, otherSeedTwin) && TwinTests.isPartner(otherSeedTwin, twin));
    assertTrue(!TwinTests.isPartner(twin, twin) && !TwinTests.isPartner(twin, poisoned));
  }

  /** Two shards, each with a broken run: failures.json lists both, whichever shard wrote last. */
  @Test
  void aBrokenRunIsReportedAndTheOthersFinish() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    GridSpec spec = TinyGrids.spec(List.of("no-such-model", "nano"), List.of(2), corpus);
    Path grid = dir.resolve("grid");
    var quiet = TinyGrids.quiet();
    GridRunner.Result first = GridRunner.run(spec, grid, shard(quiet, 0));
    GridRunner.Result second = GridRunner.run(spec, grid, shard(quiet, 1));
    assertEquals(1, first.failures().size());
    assertEquals(1, second.failures().size());
    assertTrue(
        first.failures().get(0).error().contains("unknown model preset 'no-such-model'"),
        first.failures().get(0).error());
    assertEquals(2, first.finished() + second.finished());
    String failures = Files.readString(grid.resolve("failures.json"));
    assertTrue(
        failures.contains("no-such-model-p0-x0.02-s1")
            && failures.contains("no-such-model-p2-x0.02-s1"),
        failures);
    // dropping the broken model (a run-list change) leaves failures.json with nothing to report
    GridRunner.run(TinyGrids.spec(List.of("nano"), List.of(2), corpus), grid, quiet);
    assertEquals("{ }", Files.readString(grid.resolve("failures.json")).strip());
  }

  /**
   * A row whose poisons cannot fit fails alone, with the size check's line, instead of an
   * OutOfMemoryError.
   */
  @Test
  void aRowWithAnImpossibleCountFailsAloneAndTheOthersFinish() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(2, 1_000_000_000), corpus);
    GridRunner.Result result = GridRunner.run(spec, dir.resolve("grid"), TinyGrids.quiet());
    assertEquals(1, result.failures().size(), result.failures().toString());
    assertTrue(
        result.failures().get(0).error().contains("--count 1000000000 needs"),
        result.failures().get(0).error());
    assertEquals(2, result.finished(), "the twin and the 2-poison run");
  }

  @Test
  void aSpecThatMakesRunsDifferentlyCannotReuseAGridDirectory() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    Path grid = dir.resolve("grid");
    GridSpec first = TinyGrids.spec(List.of("nano"), List.of(2), corpus);
    GridWorkspace.open(grid, first, "first");
    GridSpec otherBatch = first.toBuilder().optBatchSize(3).build();
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.poisonlab.io.InputException.class,
            () -> GridWorkspace.open(grid, otherBatch, "second"));
    assertTrue(error.getMessage().contains("made differently"), error.getMessage());
    assertEquals(
        GridSpec.read(grid.resolve(GridWorkspace.SPEC_FILE)),
        first,
        "a refused spec leaves grid.json");
  }

  /**
   * More seeds or counts (the same recipe) extend a grid: grid.json is replaced and finished runs
   * are kept.
   */
  @Test
  void aSpecThatOnlyAddsRunsExtendsTheGrid() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    Path grid = dir.resolve("grid");
    GridSpec first = TinyGrids.spec(List.of("nano"), List.of(2), corpus);
    GridWorkspace.open(grid, first, "first");
    GridSpec more =
        TinyGrids.spec(List.of("nano"), List.of(2, 5), corpus)
            .withModelCounts(java.util.Map.of("nano", new ModelCounts(null, List.of(5))));
    GridWorkspace.open(grid, more, "second");
    assertEquals(more, GridSpec.read(grid.resolve(GridWorkspace.SPEC_FILE)));
    assertTrue(
        more.runs().containsAll(first.runs()),
        "the first grid's runs are all still in the extended one");
  }

  /**
   * A grid started before context-fitted poisons (no recipe.json) or under another recipe is not
   * resumed.
   */
  @Test
  void aGridStartedUnderAnotherPoisonRecipeIsNotResumed() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    Path grid = dir.resolve("grid");
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(2), corpus);
    GridWorkspace.open(grid, spec, "first");
    Path recipe = grid.resolve(GridWorkspace.RECIPE_FILE);
    assertTrue(Files.readString(recipe).contains("context-fitted"));
    GridWorkspace.open(grid, spec, "same recipe resumes");
    Files.delete(recipe);
    var missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.poisonlab.io.InputException.class,
            () -> GridWorkspace.open(grid, spec, "old grid"));
    assertTrue(
        missing.getMessage().contains("before context-fitted poisons"), missing.getMessage());
    Files.writeString(recipe, "{\"poisons\": \"paper-length\"}\n");
    var other =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.poisonlab.io.InputException.class,
            () -> GridWorkspace.open(grid, spec, "other recipe"));
    assertTrue(other.getMessage().contains("another poison recipe"), other.getMessage());
  }

  /**
   * Another live owner of a run directory (here: a lock held in this JVM) makes the runner skip
   * that run.
   */
  @Test
  void aRunLockedByAnotherProcessIsSkippedAndLogged() throws IOException {
    Path corpus = TinyGrids.corpus(dir);
    GridSpec spec = TinyGrids.spec(List.of("nano"), List.of(2), corpus);
    Path grid = dir.resolve("grid");
    Path runs = grid.resolve("runs");
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    try (DirectoryLock twin = DirectoryLock.acquire(runs.resolve("nano-p0-x0.02-s1"));
        DirectoryLock poisoned = DirectoryLock.acquire(runs.resolve("nano-p2-x0.02-s1"))) {
      GridRunner.Result result =
          GridRunner.run(
              spec,
              grid,
              new GridRunner.Options(
                  1,
                  Progress.NONE,
                  new java.io.PrintWriter(
                      new java.io.OutputStreamWriter(log, java.nio.charset.StandardCharsets.UTF_8),
                      true),
                  "test"));
      assertEquals(2, result.busy());
      assertEquals(0, result.finished() + result.skipped() + result.failures().size());
    }
    String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        text.contains("[2/2] nano-p2-x0.02-s1: being run by " + DirectoryLock.OWNER + ", skipped"),
        text);
    assertTrue(
        Files.notExists(runs.resolve("nano-p2-x0.02-s1/train")),
        "nothing of the locked run was touched");
  }

  private static List<Path> listSorted(Path directory) throws IOException {
    try (Stream<Path> children = Files.list(directory)) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Options whose log throws at the first line a run prints, as a kill would stop the process. */
  private static GridRunner.Options killedAtFirstLine() {
    java.io.Writer killer =
        new java.io.Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) {
            throw new IllegalStateException("killed");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    return new GridRunner.Options(1, Progress.NONE, new java.io.PrintWriter(killer), "test");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** {@code options} for shard K of two processes sharing one grid. */
  private static GridRunner.Options shard(GridRunner.Options options, int k) {
    return new GridRunner.Options(1, Progress.NONE, options.log(), "t", k, 2);
  }
}
