/*
 * Runs an experiment grid: every run of the spec in order, each through RunPipeline, skipping runs already
 * finished (runs/<id>/rows.csv) and resuming interrupted ones; a failed run (out of memory included) is recorded
 * in its runs/<id>/failure.txt and in failures.json, and the rest go on. results.csv (and the tables derived
 * from it) is rewritten after every run from all finished runs, then the report is drawn.
 * Each run directory is locked while its run goes on; a run locked by another live process is skipped.
 * It schedules and collects; the stages themselves live in their packages.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.Progress;
import dev.poisonlab.report.Report;
import dev.poisonlab.report.ReportResult;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import dev.poisonlab.train.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class GridRunner {
  static final String ROWS_FILE = "rows.csv";

  /**
   * A run's last failure; kept per run so that shards sharing a grid never overwrite each other's
   * failures.
   */
  static final String FAILURE_FILE = "failure.txt";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GridRunner() {}

  /**
   * How to run: threads for PyTorch (0 = one per core), progress bars, where to print run lines,
   * and which shard of the runs this process takes (run i belongs to shard i mod shardCount), so
   * that several processes can share one grid directory, one core each.
   */
  public record Options(
      int threads,
      Progress progress,
      PrintWriter log,
      String commandLine,
      int shard,
      int shardCount,
      StopSignal stop) {
    public Options {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be >= 0, got " + threads);
      }
      if (shardCount < 1 || shard < 0 || shard >= shardCount) {
        throw new IllegalArgumentException(
            "shard must be K/N with 0 <= K < N, got " + shard + "/" + shardCount);
      }
    }

    public Options(
        int threads,
        Progress progress,
        PrintWriter log,
        String commandLine,
        int shard,
        int shardCount) {
      this(threads, progress, log, commandLine, shard, shardCount, StopSignal.NONE);
    }

    public Options(int threads, Progress progress, PrintWriter log, String commandLine) {
      this(threads, progress, log, commandLine, 0, 1);
    }

    /** These options with a stop signal: training stops on it with a resume state saved. */
    public Options withStop(StopSignal signal) {
      return new Options(threads, progress, log, commandLine, shard, shardCount, signal);
    }
  }

  public record Failure(String runId, String error) {}

  /**
   * {@code busy}: runs of this shard skipped because another live process holds their run
   * directory.
   */
  public record Result(
      Path directory,
      int runs,
      int finished,
      int skipped,
      int busy,
      List<Failure> failures,
      Path resultsFile,
      ReportResult report) {}

  public static Result run(GridSpec spec, Path directory, Options options) {
    GridWorkspace workspace = GridWorkspace.open(directory, spec, options.commandLine());
    Path tokenizerFile = workspace.tokenizerFile(options.progress());
    RunPipeline pipeline =
        new RunPipeline(
            workspace,
            tokenizerFile,
            options.progress(),
            options.log(),
            options.threads(),
            options.stop());
    List<RunSpec> runs = spec.runs();
    Map<String, String> failures = new LinkedHashMap<>();
    int finished = 0;
    int skipped = 0;
    int busy = 0;
    // a process killed between a run's rows.csv and the grid files left them behind; a resume
    // brings results.csv, twin_tests.csv and verdicts.csv up to date before anything else
    collectResults(workspace, runs);
    for (int index = 0; index < runs.size(); index++) {
      RunSpec run = runs.get(index);
      if (options.stop().isRequested()) {
        throw new StopSignal.Stopped("stopped before " + run.id());
      }
      Path rowsFile = workspace.runDirectory(run).resolve(ROWS_FILE);
      String position = String.format(Locale.ROOT, "[%d/%d] %s", index + 1, runs.size(), run.id());
      if (index % options.shardCount() != options.shard()) {
        continue;
      }
      if (Files.isRegularFile(rowsFile)) {
        skipped++;
        options.log().println(position + ": done earlier, skipped");
        continue;
      }
      // per run, not per grid: shards share the grid directory, and two of them must never share a
      // run
      DirectoryLock lock;
      try {
        lock = DirectoryLock.acquire(workspace.runDirectory(run));
      } catch (DirectoryLock.HeldException e) {
        busy++;
        options.log().println(position + ": being run by " + e.holder() + ", skipped");
        continue;
      }
      try (lock) {
        if (Files.isRegularFile(
            rowsFile)) { // finished by another process between the check and the lock
          skipped++;
          options.log().println(position + ": done meanwhile, skipped");
          continue;
        }
        finished += runOne(pipeline, run, rowsFile, position, failures, options);
        recordOutcome(workspace.runDirectory(run), failures.get(run.id()));
      }
      writeFailures(workspace, runs);
      collectResults(workspace, runs);
    }
    writeFailures(workspace, runs);
    List<ResultRow> all = collectResults(workspace, runs);
    ReportResult report =
        all.isEmpty()
            ? null
            : Report.write(directory, directory.resolve(Report.DEFAULT_SUBDIRECTORY));
    List<Failure> failureList =
        failures.entrySet().stream().map(e -> new Failure(e.getKey(), e.getValue())).toList();
    return new Result(
        directory,
        runs.size(),
        finished,
        skipped,
        busy,
        failureList,
        workspace.resultsFile(),
        report);
  }

  /** One run, under its lock: 1 when it finished, 0 when it failed (recorded in failures). */
  private static int runOne(
      RunPipeline pipeline,
      RunSpec run,
      Path rowsFile,
      String position,
      Map<String, String> failures,
      Options options) {
    options
        .log()
        .println(
            position
                + (run.isDefended()
                    ? ": poisons, filter, stream, train, eval"
                    : ": poisons, stream, train, eval"));
    long start = System.nanoTime();
    try {
      List<ResultRow> rows = pipeline.run(run);
      ResultsCsv.write(rowsFile, rows);
      ResultRow last = rows.get(rows.size() - 1);
      options
          .log()
          .printf(
              Locale.ROOT,
              "%s: done in %.1f min; final gap %.1f (median %.1f), val loss %.4f%s%n",
              position,
              (System.nanoTime() - start) / 60e9,
              last.perplexityGap(),
              last.gapMedian(),
              last.valLoss(),
              run.isDefended()
                  ? String.format(
                      Locale.ROOT,
                      "; %d/%d poisons and %d clean documents dropped",
                      last.poisons() - last.poisonsAfterDefense(),
                      last.poisons(),
                      last.cleanDropped())
                  : "");
      return 1;
    } catch (StopSignal.Stopped e) {
      throw e; // not a failure: the run resumes from its resume state
    } catch (RuntimeException | OutOfMemoryError e) {
      // one broken run must not cost the others: record it and go on; a rerun retries it. An
      // OutOfMemoryError
      // from one run's sizes (a huge count or batch) leaves the heap usable once that run's objects
      // are gone.
      failures.put(run.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
      options
          .log()
          .println(position + ": FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 0;
    }
  }

  /** Writes the run's failure.txt, or removes a stale one once the run has succeeded. */
  private static void recordOutcome(Path runDirectory, String failure) {
    Path file = runDirectory.resolve(FAILURE_FILE);
    try {
      if (failure == null) {
        Files.deleteIfExists(file);
      } else {
        AtomicFiles.writeString(file, failure + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites results.csv from every finished run, in grid order, so it is always whole and
   * consistent; then twin_tests.csv, verdicts.csv and (grids with defences or several attacks)
   * attacks.csv. Placebo runs stay out of results.csv (its figures would count them as poisoned
   * runs of the same count); their verdicts and twin tests are in the other two files.
   */
  private static List<ResultRow> collectResults(GridWorkspace workspace, List<RunSpec> runs) {
    List<ResultRow> rows = new ArrayList<>();
    for (RunSpec run : runs) {
      Path rowsFile = workspace.runDirectory(run).resolve(ROWS_FILE);
      if (Files.isRegularFile(rowsFile) && !run.placebo()) {
        ResultsCsv.read(rowsFile).stream()
            .map(row -> ResultRows.labelled(workspace.spec(), run, row))
            .forEach(rows::add);
      }
    }
    if (!rows.isEmpty()) {
      ResultsCsv.write(workspace.resultsFile(), rows);
      TwinTests.write(workspace, runs, ROWS_FILE);
      Verdicts.write(workspace, runs, ROWS_FILE);
      AttackTable.write(workspace, runs, ROWS_FILE);
    }
    return rows;
  }

  /**
   * failures.json: every run of the grid whose failure.txt is present (whichever shard ran it), in
   * grid order.
   */
  private static void writeFailures(GridWorkspace workspace, List<RunSpec> runs) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (RunSpec run : runs) {
      Path file = workspace.runDirectory(run).resolve(FAILURE_FILE);
      try {
        if (Files.isRegularFile(file)) {
          failures.put(run.id(), Files.readString(file, StandardCharsets.UTF_8).strip());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    try {
      AtomicFiles.writeString(workspace.failuresFile(), JSON.writeValueAsString(failures) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
