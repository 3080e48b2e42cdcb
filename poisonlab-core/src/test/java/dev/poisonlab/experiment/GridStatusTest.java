/*
 * GridStatus on a fake grid (GridStatusFixtures) with one run in each state, against hand-computed steps,
 * throughputs, ETAs, core-hours and wall clocks (two running runs on a process each); a lock held elsewhere, torn
 * metrics lines, a bounded --recent, an unreadable config.json, a directory that is not a grid, a bpe:N spec, the
 * directory left untouched, and the planned steps of not-started runs against what the committed grids' runs
 * were really given. The printing is GridStatusCommandTest's.
 */
package dev.poisonlab.experiment;

import static dev.poisonlab.experiment.GridStatusFixtures.BATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridStatusTest {
  private static final double TOLERANCE = 1e-6;
  private static final long TOKENS_PER_STEP = BATCH * 256L; // nano's and micro's context

  @TempDir Path dir;

  /**
   * nano-p0 done (500 tok/s), nano-p10 running (300 of 1000 steps, recent median 400, a torn line
   * being written), nano-p20 partial (450 logged, checkpoint 400, 200 tok/s, a killed holder's
   * lock), nano-p30 failed before training; micro not started (micro-p10 only a stale lock).
   */
  private Path fakeGrid() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path done = GridStatusFixtures.run(grid, "nano-p0-x1-s1");
    GridStatusFixtures.config(done);
    GridStatusFixtures.metrics(done, 1000, step -> 500);
    GridStatusFixtures.checkpoint(done, 500);
    GridStatusFixtures.checkpoint(done, 1000);
    GridStatusFixtures.done(done);
    Path running = GridStatusFixtures.run(grid, "nano-p10-x1-s1");
    GridStatusFixtures.config(running);
    // steps 251-300 alternate 420 and 380 (median 400); earlier ones are not recent
    GridStatusFixtures.metrics(
        running, 300, step -> step <= 250 ? 10_000 : step % 2 == 1 ? 420 : 380);
    GridStatusFixtures.appendRaw(running, "{\"step\":301,\"tokens\":3082");
    GridStatusFixtures.checkpoint(running, 250);
    Path partial = GridStatusFixtures.run(grid, "nano-p20-x1-s1");
    GridStatusFixtures.config(partial);
    GridStatusFixtures.metrics(partial, 450, step -> 200);
    GridStatusFixtures.checkpoint(partial, 400);
    GridStatusFixtures.lockFile(
        partial, GridStatusFixtures.DEAD_PID + "@" + GridStatusFixtures.ownHost());
    Path failed = GridStatusFixtures.run(grid, "nano-p30-x1-s1");
    Files.writeString(failed.resolve("poisons.jsonl"), "");
    GridStatusFixtures.config(failed);
    GridStatusFixtures.failed(failed, "IllegalStateException: boom");
    GridStatusFixtures.lockFile(
        GridStatusFixtures.run(grid, "micro-p10-x1-s1"),
        GridStatusFixtures.DEAD_PID + "@" + GridStatusFixtures.ownHost());
    return grid;
  }

  @Test
  void eachRunInGridOrderWithItsStateStepsAndThroughput() throws IOException {
    Path grid = fakeGrid();
    GridStatus.Report report;
    try (DirectoryLock lock =
        DirectoryLock.acquire(grid.resolve("runs").resolve("nano-p10-x1-s1"))) {
      report = GridStatus.read(grid);
    }
    assertEquals("fake", report.name());
    assertEquals(
        List.of(
            "nano-p0-x1-s1 done",
            "nano-p10-x1-s1 running",
            "nano-p20-x1-s1 partial",
            "nano-p30-x1-s1 failed",
            "micro-p0-x1-s1 not started",
            "micro-p10-x1-s1 not started",
            "micro-p20-x1-s1 not started",
            "micro-p30-x1-s1 not started"),
        report.runs().stream().map(run -> run.id() + " " + run.state().label()).toList());
    RunStatus done = report.runs().get(0);
    assertEquals(100.0, done.training().percent(), TOLERANCE);
    assertEquals(OptionalLong.of(1000), done.training().checkpoint());
    assertEquals(500, done.training().tokensPerSecond(), TOLERANCE);
    assertEquals(0, done.remainingSteps());

    RunStatus running = report.runs().get(1);
    assertEquals(300, running.training().step(), "the torn line being written is not a step");
    assertEquals(1000, running.training().maxSteps());
    assertEquals(30.0, running.training().percent(), TOLERANCE);
    assertEquals(OptionalLong.of(250), running.training().checkpoint());
    assertEquals(TOKENS_PER_STEP, running.training().tokensPerStep());
    assertEquals(400, running.training().tokensPerSecond(), TOLERANCE, "median of the last 50");
    assertEquals(DirectoryLock.OWNER, running.holder());
    // (1000 - 300) steps x 1024 tokens / 400 tokens/s
    assertEquals(1792.0, running.trainingSecondsLeft(report.rateOf(running)), TOLERANCE);

    RunStatus partial = report.runs().get(2);
    assertEquals(450, partial.training().step());
    assertEquals(OptionalLong.of(400), partial.training().checkpoint());
    assertEquals(600, partial.remainingSteps(), "a resume trains again from its checkpoint");
    assertEquals(3072.0, partial.trainingSecondsLeft(report.rateOf(partial)), TOLERANCE);

    RunStatus failed = report.runs().get(3);
    assertEquals("IllegalStateException: boom", failed.failure());
    assertFalse(failed.training().measured());
    // no throughput of its own: nano's median over its 3 measured runs (500, 400, 200) is 400
    assertEquals(
        1000 * TOKENS_PER_STEP / 400.0,
        failed.trainingSecondsLeft(report.rateOf(failed)),
        TOLERANCE);
    assertEquals(List.of(), report.otherRunDirectories());
  }

  /**
   * A run stopped between checkpoints resumes from its resume state, not its last checkpoint; an
   * older resume state than the checkpoint does not count.
   */
  @Test
  void aRunStoppedBetweenCheckpointsResumesFromItsResumeState() throws IOException {
    Path grid = fakeGrid();
    Path partial = grid.resolve("runs").resolve("nano-p20-x1-s1");
    GridStatusFixtures.resumeState(partial, 440);

    RunStatus stopped = GridStatus.read(grid).runs().get(2);

    assertEquals(OptionalLong.of(440), stopped.training().checkpoint());
    assertEquals(560, stopped.remainingSteps());
    GridStatusFixtures.resumeState(grid.resolve("runs").resolve("nano-p0-x1-s1"), 700);
    assertEquals(
        OptionalLong.of(1000), GridStatus.read(grid).runs().get(0).training().checkpoint());
  }

  @Test
  void sizesCoreHoursAndWallClockFromMeasuredThroughput() throws IOException {
    Path grid = fakeGrid();
    GridStatus.Report report;
    try (DirectoryLock lock =
        DirectoryLock.acquire(grid.resolve("runs").resolve("nano-p10-x1-s1"))) {
      report = GridStatus.read(grid);
    }
    GridStatus.SizeEstimate nano = report.sizes().get(0);
    assertEquals("nano", nano.model());
    assertEquals(3, nano.measuredRuns());
    assertEquals(400, nano.tokensPerSecond(), TOLERANCE);
    assertEquals(3, nano.runsLeft());
    assertEquals((700 + 600 + 1000) * TOKENS_PER_STEP, nano.tokensLeft());
    assertEquals((1792 + 3072 + 2560) / 3600.0, nano.coreHoursLeft(), TOLERANCE);
    GridStatus.SizeEstimate micro = report.sizes().get(1);
    assertFalse(micro.measured(), "no micro run has logged a step: unknown");
    assertTrue(Double.isNaN(micro.coreHoursLeft()));
    assertEquals(4, micro.runsLeft());
    assertEquals(nano.coreHoursLeft(), report.coreHoursLeft(), TOLERANCE, "micro is unknown");
    RunStatus notStarted = report.runs().get(4);
    assertEquals(TOKENS_PER_STEP, notStarted.training().tokensPerStep());
    assertEquals(0, notStarted.training().step());

    // one process: everything in a row; two: the running run (1792 s) and the partial (3072 s)
    // side by side, then the failed one (2560 s) after the running one, 1792 + 2560 = 4352
    assertEquals(7424.0, report.wallClock(1).seconds(), TOLERANCE);
    assertEquals(4352.0, report.wallClock(2).seconds(), TOLERANCE);
    assertEquals(3072.0, report.wallClock(3).seconds(), TOLERANCE);
    assertEquals(List.of("micro"), report.wallClock(2).unmeasuredModels());
    assertEquals(1, report.wallClock(1).processes(), "one running run fits one process");
  }

  /**
   * Two runs running now have a process each, whatever --processes says: they are not queued end to
   * end on one.
   */
  @Test
  void runningRunsEachHaveTheirOwnProcess() throws IOException {
    Path grid = fakeGrid();
    GridStatus.Report report;
    try (DirectoryLock running =
            DirectoryLock.acquire(grid.resolve("runs").resolve("nano-p10-x1-s1"));
        DirectoryLock partial =
            DirectoryLock.acquire(grid.resolve("runs").resolve("nano-p20-x1-s1"))) {
      report = GridStatus.read(grid);
    }
    assertEquals(2, report.count(RunStatus.State.RUNNING));
    // running from their last logged steps: 700 x 1024 / 400 = 1792 s and 550 x 1024 / 200 = 2816
    // s side by side, then the failed run (2560 s) after the first: 1792 + 2560 = 4352
    GridStatus.WallClock one = report.wallClock(1);
    assertEquals(2, one.processes());
    assertEquals(1, one.requested());
    assertEquals(4352.0, one.seconds(), TOLERANCE);
    assertEquals(one.seconds(), report.wallClock(2).seconds(), TOLERANCE);
    assertEquals(2, report.wallClock(2).requested());
    assertEquals(3, report.wallClock(3).processes());
    assertEquals(2816.0, report.wallClock(3).seconds(), TOLERANCE);
  }

  /** A torn config.json (a copy cut short, say) is that run's problem, not the whole status's. */
  @Test
  void anUnreadableConfigFallsBackToThePlannedStepsAndSaysSo() throws IOException {
    Path grid = fakeGrid();
    Path partial = grid.resolve("runs").resolve("nano-p20-x1-s1");
    Files.writeString(
        partial.resolve("train").resolve(Trainer.CONFIG_FILE), "{\"preset\" : \"nano\", \"mod");
    // the failed run without its config.json: the planned steps, read without any note
    Files.delete(grid.resolve("runs/nano-p30-x1-s1/train").resolve(Trainer.CONFIG_FILE));
    GridStatus.Report report = GridStatus.read(grid);
    RunStatus torn = report.runs().get(2);
    RunStatus planned = report.runs().get(3);
    assertEquals(RunStatus.State.PARTIAL, torn.state());
    assertEquals(planned.training().maxSteps(), torn.training().maxSteps());
    assertTrue(planned.training().maxSteps() != GridStatusFixtures.MAX_STEPS);
    assertEquals(planned.training().tokensPerStep(), torn.training().tokensPerStep());
    assertEquals("config.json unreadable, planned steps assumed", torn.note());
    assertEquals(null, planned.note());
    assertEquals(450, torn.training().step(), "its metrics are read as ever");
  }

  @Test
  void readingTouchesNothing() throws IOException {
    Path grid = fakeGrid();
    try (DirectoryLock lock =
        DirectoryLock.acquire(grid.resolve("runs").resolve("nano-p10-x1-s1"))) {
      Map<String, String> before = listing(grid);
      GridStatus.read(grid);
      assertEquals(before, listing(grid));
    }
  }

  @Test
  void aLockHeldOnAnotherHostCountsWhileItsMetricsAdvance() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path run = GridStatusFixtures.run(grid, "nano-p0-x1-s1");
    GridStatusFixtures.config(run);
    GridStatusFixtures.metrics(run, 100, step -> 300);
    GridStatusFixtures.lockFile(run, "42@another-host-than-" + GridStatusFixtures.ownHost());
    Instant logged = Instant.parse("2026-01-01T00:00:00Z");
    Files.setLastModifiedTime(run.resolve("train").resolve(MetricsLog.FILE), FileTime.from(logged));
    RunStatus advancing =
        GridStatus.read(grid, 50, logged.plus(Duration.ofMinutes(5))).runs().get(0);
    assertEquals(RunStatus.State.RUNNING, advancing.state());
    assertTrue(advancing.holder().startsWith("42@another-host"));
    RunStatus stopped =
        GridStatus.read(grid, 50, logged.plus(Duration.ofMinutes(11))).runs().get(0);
    assertEquals(RunStatus.State.PARTIAL, stopped.state());
    assertEquals(OptionalLong.empty(), stopped.training().checkpoint());
    assertEquals(1000, stopped.remainingSteps(), "no checkpoint: from step 0");
  }

  @Test
  void tornAndForeignMetricsLinesAreSkipped() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.createDirectories(run.resolve("train"));
    GridStatusFixtures.appendRaw(run, "{\"step\":1,\"tok");
    Path file = run.resolve("train").resolve(MetricsLog.FILE);
    RunStatusFiles.MetricsTail torn = RunStatusFiles.tail(file, 50);
    assertEquals(0, torn.step());
    assertTrue(Double.isNaN(torn.median()));

    Files.delete(file);
    GridStatusFixtures.metrics(run, 1000, step -> step);
    GridStatusFixtures.appendRaw(run, "not json\n[1, 2]\n{\"step\":1001,\"tokens_per_s\":1");
    // 3 lines: read from near the end, so the first line of what is read is cut and skipped
    RunStatusFiles.MetricsTail tail = RunStatusFiles.tail(file, 3);
    assertEquals(1000, tail.step());
    assertEquals(List.of(998.0, 999.0, 1000.0), tail.tokensPerSecond(), "the last 3 metrics lines");
    assertEquals(999.0, tail.median(), TOLERANCE);
    assertTrue(Double.isNaN(RunStatusFiles.tail(dir.resolve("absent.jsonl"), 3).median()));
    // the most lines read: the whole of this short file
    assertEquals(
        1000, RunStatusFiles.tail(file, GridStatus.MAX_RECENT_LINES).tokensPerSecond().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> GridStatus.read(dir, GridStatus.MAX_RECENT_LINES + 1));
    assertThrows(
        IllegalArgumentException.class, () -> RunStatusFiles.tail(file, Integer.MAX_VALUE));
  }

  @Test
  void notAGridIsOneLineNamingGridJson() {
    InputException e = assertThrows(InputException.class, () -> GridStatus.read(dir));
    assertEquals(
        dir.resolve("grid.json")
            + ": missing: not a grid directory (expected one written by `grid`)",
        e.getMessage());
  }

  /**
   * Before cache/tokenizer.json exists, a "bpe:N" spec builds its models with N tokens (the rule
   * GridWorkspace trains by); "bpe:" without a number is one line naming grid.json.
   */
  @Test
  void aBpeSpecWithoutItsCachedTokenizer() throws IOException {
    Path grid = dir.resolve("bpe");
    GridSpec bytes = GridStatusFixtures.writeSpec(grid);
    Path spec = grid.resolve(GridWorkspace.SPEC_FILE);
    int vocab = Tokenizers.load("bytes").vocabSize();
    GridSpec bpe = bytes.toBuilder().tokenizer("bpe:" + vocab).build();
    Files.writeString(spec, bpe.toJson() + "\n");
    List<Long> planned =
        GridStatus.read(grid).runs().stream().map(run -> run.training().maxSteps()).toList();
    Files.writeString(spec, bytes.toJson() + "\n");
    assertEquals(
        GridStatus.read(grid).runs().stream().map(run -> run.training().maxSteps()).toList(),
        planned,
        "bpe:N plans as the byte tokenizer's N tokens do");
    Files.writeString(spec, bytes.toBuilder().tokenizer("bpe:many").build().toJson() + "\n");
    InputException e = assertThrows(InputException.class, () -> GridStatus.read(grid));
    assertEquals(
        spec + ": tokenizer must be bpe:N with a number N, got 'bpe:many'", e.getMessage());
  }

  /**
   * A not-started run is given the steps RunPipeline would give it: checked against every run of
   * the committed sizes and micro grids (grid.json and the cached tokenizer copied, no run).
   */
  @Test
  void plannedStepsAreThoseTheCommittedGridsRan() throws IOException {
    for (String name : List.of("sizes", "micro")) {
      Path snapshot = Path.of("..", "docs", "results", name, "grid");
      Path copy = Files.createDirectories(dir.resolve(name).resolve("cache"));
      Files.copy(
          snapshot.resolve(GridWorkspace.SPEC_FILE),
          copy.getParent().resolve(GridWorkspace.SPEC_FILE));
      Files.copy(
          snapshot.resolve("cache").resolve("tokenizer.json"), copy.resolve("tokenizer.json"));
      int compared = 0;
      for (RunStatus run : GridStatus.read(copy.getParent()).runs()) {
        assertEquals(RunStatus.State.NOT_STARTED, run.state());
        Path config =
            snapshot
                .resolve("runs")
                .resolve(run.id())
                .resolve("train")
                .resolve(Trainer.CONFIG_FILE);
        if (Files.isRegularFile(config)) {
          var train = Trainer.readRunConfig(config);
          assertEquals(train.train().maxSteps(), run.training().maxSteps(), run.id());
          assertEquals(
              train.train().tokensPerStep(train.model().contextLength()),
              run.training().tokensPerStep(),
              run.id());
          compared++;
        }
      }
      assertTrue(compared >= 26, name + ": " + compared);
    }
  }

  @Test
  void medianAndMakespan() {
    assertEquals(2.0, GridStatus.median(List.of(3.0, 1.0, 2.0)), TOLERANCE);
    assertEquals(2.5, GridStatus.median(List.of(4.0, 1.0, 2.0, 3.0)), TOLERANCE);
    // running 100 on one process; 300, 200, 50 queued on two: 0-300 | 100-300, then 300-350
    assertEquals(
        350.0, GridStatus.makespan(List.of(100.0), List.of(300.0, 200.0, 50.0), 2), TOLERANCE);
    assertEquals(
        650.0, GridStatus.makespan(List.of(100.0), List.of(300.0, 200.0, 50.0), 1), TOLERANCE);
  }

  /** Every path under {@code root} with its size and modification time. */
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        files.put(
            root.relativize(path).toString(),
            Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis());
      }
    }
    return files;
  }
}
