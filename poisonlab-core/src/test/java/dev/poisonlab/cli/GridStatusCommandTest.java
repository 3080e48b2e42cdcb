/*
 * `poisonlab grid status DIR` end to end: a fake grid with a running run (its line, ETA and the totals), two
 * running runs (the processes the wall clock used), a run whose config.json cannot be read (marked), the
 * committed sizes snapshot read in place (and left as it was), and the one-line errors: not a grid, an unknown
 * model, grid's own options or a bad --recent given to status, and `grid` itself still needing --out now that
 * picocli no longer checks it; --effects on that snapshot.
 * The numbers themselves are experiment.GridStatusTest's.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.experiment.GridSpec;
import dev.poisonlab.experiment.GridStatusFixtures;
import dev.poisonlab.experiment.GridWorkspace;
import dev.poisonlab.experiment.RunSpec;
import dev.poisonlab.io.DirectoryLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridStatusCommandTest {
  @TempDir Path dir;

  private record Outcome(int exit, String out, String err) {}

  private static Outcome execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  /** A grid whose nano-p10-x1-s1 has logged 300 of its 1,000 steps at 400 tokens/s. */
  private Path gridWithOneRunAt300() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path run = GridStatusFixtures.run(grid, "nano-p10-x1-s1");
    GridStatusFixtures.config(run);
    GridStatusFixtures.metrics(run, 300, step -> 400);
    return grid;
  }

  /** The status line of {@code id} in a status's output. */
  private static String lineOf(String out, String id) {
    return out.lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
  }

  @Test
  void aRunningRunWithItsStepsThroughputAndTrainingLeft() throws IOException {
    Path grid = gridWithOneRunAt300();
    Path run = grid.resolve("runs").resolve("nano-p10-x1-s1");
    GridStatusFixtures.appendRaw(run, "{\"step\":301,"); // being written
    Outcome outcome;
    try (DirectoryLock lock = DirectoryLock.acquire(run)) {
      outcome = execute("grid", "status", grid.toString(), "--processes", "2");
    }
    assertEquals(0, outcome.exit(), outcome.err());
    String out = outcome.out();
    assertTrue(out.contains("8 runs: 0 done, 1 running, 0 partial, 0 failed, 7 not started"), out);
    String line = lineOf(out, "nano-p10-x1-s1");
    // 700 steps x 1024 tokens / 400 tokens/s = 1792 s
    for (String part :
        List.of("running", "300 / 1,000", "30.0%", "400", "30 min", DirectoryLock.OWNER)) {
      assertTrue(line.contains(part), part + " in: " + line);
    }
    assertTrue(out.contains("nano: 4 runs left, "), out);
    assertTrue(out.contains("micro: 4 runs left, unknown"), out);
    assertTrue(out.contains("wall clock with 2 processes about "), out);
    assertTrue(out.contains("not counting micro (unknown)"), out);
  }

  /** A line logged while the status reads is newer than its stamp: 0 s ago, not a negative age. */
  @Test
  void aLineLoggedWhileTheStatusReadsIsZeroSecondsOld() throws IOException {
    Path grid = gridWithOneRunAt300();
    Path run = grid.resolve("runs").resolve("nano-p10-x1-s1");
    java.nio.file.Files.setLastModifiedTime(
        run.resolve("train").resolve("metrics.jsonl"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(10)));
    Outcome outcome;
    try (DirectoryLock lock = DirectoryLock.acquire(run)) {
      outcome = execute("grid", "status", grid.toString());
    }
    String line = lineOf(outcome.out(), "nano-p10-x1-s1");
    assertTrue(line.contains("logged 0 s ago"), line);
  }

  @Test
  void twoRunningRunsAreTwoProcessesAndTheLineSaysSo() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path first = GridStatusFixtures.run(grid, "nano-p10-x1-s1");
    Path second = GridStatusFixtures.run(grid, "nano-p20-x1-s1");
    for (Path run : List.of(first, second)) {
      GridStatusFixtures.config(run);
      GridStatusFixtures.metrics(run, 300, step -> 400);
    }
    Outcome outcome;
    try (DirectoryLock one = DirectoryLock.acquire(first);
        DirectoryLock two = DirectoryLock.acquire(second)) {
      outcome = execute("grid", "status", grid.toString());
    }
    assertEquals(0, outcome.exit(), outcome.err());
    // 700 steps x 1024 tokens / 400 tokens/s = 1792 s each, side by side, then nano's two not
    // started runs after them, 818 planned steps x 1024 / 400 = 2094 s each: 3886 s = 65 min
    // (micro is unmeasured); one process would have queued the running two: 30 + 30 + 35 + 35
    assertTrue(
        outcome
            .out()
            .contains(
                "wall clock with 2 processes (one per running run; --processes 1 is fewer) about"
                    + " 65 min"),
        outcome.out());
  }

  /**
   * The expectations come from what the snapshot holds (its grid.json's runs, as the status lists
   * them, and each run's files), so the test holds as runs are added to it.
   */
  @Test
  void theCommittedSizesSnapshotReadInPlaceAndLeftAsItWas() throws IOException {
    Path snapshot = Path.of("..", "docs", "results", "sizes", "grid");
    List<String> before = listing(snapshot);
    Outcome outcome = execute("grid", "status", snapshot.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    List<RunSpec> runs = GridSpec.read(snapshot.resolve(GridWorkspace.SPEC_FILE)).runs();
    // no process runs in a committed snapshot: a run is done, failed, partial or not started by
    // its files, and a size is measured once one of its runs kept a metrics.jsonl
    Map<String, Integer> states = new LinkedHashMap<>();
    List.of("done", "partial", "failed", "not started").forEach(state -> states.put(state, 0));
    Map<String, Boolean> measured = new LinkedHashMap<>();
    Set<String> left = new LinkedHashSet<>();
    for (RunSpec run : runs) {
      Path directory = snapshot.resolve("runs").resolve(run.id());
      String state =
          Files.isRegularFile(directory.resolve("rows.csv"))
              ? "done"
              : Files.isRegularFile(directory.resolve("failure.txt"))
                  ? "failed"
                  : started(directory) ? "partial" : "not started";
      states.merge(state, 1, Integer::sum);
      measured.merge(
          run.model(),
          Files.isRegularFile(directory.resolve("train").resolve("metrics.jsonl")),
          Boolean::logicalOr);
      if (!state.equals("done")) {
        left.add(run.model());
      }
    }
    assertTrue(states.get("done") >= 26, "at least the 26 runs finished when it was added");
    String out = outcome.out();
    assertTrue(
        out.contains(
            String.format(
                Locale.ROOT,
                "%d runs: %d done, 0 running, %d partial, %d failed, %d not started",
                runs.size(),
                states.get("done"),
                states.get("partial"),
                states.get("failed"),
                states.get("not started"))),
        out);
    List<String> unknown = left.stream().filter(model -> !measured.get(model)).toList();
    if (left.isEmpty()) {
      assertTrue(out.contains("  all: nothing left to train"), out);
    } else if (unknown.size() == left.size()) {
      assertTrue(
          out.contains(
              "  all: unknown (" + String.join(", ", unknown) + ": no measured throughput)"),
          out);
    } else {
      assertTrue(out.contains(" core-hours; wall clock with 1 process about "), out);
    }
    for (String model : unknown) {
      String line =
          out.lines().filter(l -> l.startsWith("  " + model + ": ")).findFirst().orElseThrow();
      assertTrue(line.endsWith(" left, unknown (no run of this size has logged a step)"), line);
    }
    assertEquals(before, listing(snapshot));
  }

  /**
   * --effects on the committed snapshot: mini's seed-1 run at 1000 shows verdicts.csv's effect for
   * that seed (2.85647) at its last step, small's seed-3 run its (3.10082) after the curve over its
   * checkpoints.
   */
  @Test
  void effectsOnTheCommittedSnapshotShowVerdictsCsvEffectPerRun() {
    Path snapshot = Path.of("..", "docs", "results", "sizes", "grid");
    Outcome outcome = execute("grid", "status", snapshot.toString(), "--effects");
    assertEquals(0, outcome.exit(), outcome.err());
    List<String> all = outcome.out().lines().toList();
    int section = 0;
    while (section < all.size()
        && !all.get(section).startsWith("Effect over the same-seed twin so far, nats")) {
      section++;
    }
    assertTrue(section < all.size(), outcome.out());
    // the status table names the same runs above: read the section only
    List<String> lines = all.subList(section, all.size());
    String mini =
        lines.stream().filter(l -> l.startsWith("mini-p1000-x1-s1 ")).findFirst().orElseThrow();
    assertTrue(mini.matches("mini-p1000-x1-s1 +mini-p0-x1-s1 +2,656 +2\\.856 +300 +2\\.86"), mini);
    // small's last run (session 16): verdicts.csv's 3.10082 at step 7597, its ten checkpoints after
    // it
    String small =
        lines.stream().filter(l -> l.startsWith("small-p1000-x1-s3 ")).findFirst().orElseThrow();
    assertTrue(
        small.matches(
            "small-p1000-x1-s3 +small-p0-x1-s3 +7,597 +3\\.101 +300 +0\\.00 1\\.13 .* 3\\.10"),
        small);
    // negative control: without the flag there is no such section
    Outcome plain = execute("grid", "status", snapshot.toString());
    assertTrue(!plain.out().contains("Effect over the same-seed twin"), plain.out());
  }

  /** Anything but a lock file in a run directory: a stage has begun (RunStatusFiles' rule). */
  private static boolean started(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.anyMatch(entry -> !entry.getFileName().toString().equals(".lock"));
    }
  }

  @Test
  void notAGridIsOneLineAndExitTwo() {
    Outcome outcome = execute("grid", "status", dir.toString());
    assertEquals(Main.EXIT_BAD_INPUT, outcome.exit());
    assertEquals(
        List.of(
            "poisonlab: "
                + dir.resolve("grid.json")
                + ": missing: not a grid directory (expected one written by `grid`)"),
        outcome.err().lines().toList());
    assertEquals("", outcome.out());
  }

  @Test
  void aRunWithAnUnreadableConfigIsMarkedAndTheRestIsShown() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path run = GridStatusFixtures.run(grid, "nano-p10-x1-s1");
    GridStatusFixtures.config(run);
    Path config = run.resolve("train").resolve("config.json");
    Files.writeString(config, Files.readString(config).substring(0, 40));
    Outcome outcome = execute("grid", "status", grid.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    String line =
        outcome
            .out()
            .lines()
            .filter(l -> l.startsWith("nano-p10-x1-s1 "))
            .findFirst()
            .orElseThrow();
    assertTrue(
        line.endsWith(
            "(no checkpoint: training starts at step 0; config.json unreadable, planned steps"
                + " assumed)"),
        line);
    assertTrue(outcome.out().contains("8 runs: 0 done, 0 running, 1 partial"), outcome.out());
  }

  @Test
  void anUnknownModelInGridJsonIsOneLineAndExitTwo() throws IOException {
    Path grid = dir.resolve("grid");
    GridStatusFixtures.writeSpec(grid);
    Path spec = grid.resolve("grid.json");
    Files.writeString(spec, Files.readString(spec).replace("\"micro\"", "\"gigantic\""));
    Outcome outcome = execute("grid", "status", grid.toString());
    assertEquals(Main.EXIT_BAD_INPUT, outcome.exit());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(
        outcome.err().startsWith("poisonlab: " + spec + ": unknown model preset 'gigantic'"),
        outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void gridOptionsWithStatusAndGridWithoutOutAreUsageErrors() {
    Outcome mixed = execute("grid", "--out", dir.toString(), "status", dir.toString());
    assertEquals(Main.EXIT_BAD_INPUT, mixed.exit());
    assertEquals(1, mixed.err().lines().count(), mixed.err());
    assertTrue(mixed.err().contains("belong to `grid` itself"), mixed.err());

    for (String recent : List.of("0", "10001", "2147483647")) {
      Outcome bad = execute("grid", "status", dir.toString(), "--recent", recent);
      assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
      assertTrue(
          bad.err().contains("--recent must be 1 to 10,000, got " + recent),
          recent + ": " + bad.err());
    }

    Outcome noOut = execute("grid", "--preset", "micro");
    assertEquals(Main.EXIT_BAD_INPUT, noOut.exit());
    assertTrue(noOut.err().contains("Missing required option: '--out=DIR'"), noOut.err());
    Outcome noSource = execute("grid", "--out", dir.resolve("g").toString());
    assertEquals(Main.EXIT_BAD_INPUT, noSource.exit());
    assertTrue(noSource.err().contains("(--preset=NAME | --spec=FILE.json)"), noSource.err());
    assertTrue(Files.notExists(dir.resolve("g")), "nothing written");
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .map(
              path -> {
                try {
                  return path + " " + Files.size(path) + " " + Files.getLastModifiedTime(path);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }
}
