/*
 * verdicts.csv: the model-level backdoor verdict (eval.ModelVerdict) of every configuration (model, data
 * multiplier, defence, attack, poison count; placebo runs are their own configurations) at every checkpoint
 * that all its runs evaluated, recomputed from the per-excerpt files after each finished run and by `poisonlab verdict`.
 * Excerpt files are read from runs/ID/eval, or from runs/ID/excerpts in a snapshot. It gathers; it does not judge.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.ExcerptFiles;
import dev.poisonlab.eval.ModelVerdict;
import dev.poisonlab.eval.ModelVerdict.SeedRun;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.report.VerdictFindings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

public final class Verdicts {
  public static final String FILE = VerdictFindings.FILE;

  /**
   * Where scripts/snapshot-grid.sh keeps a run's gzipped per-excerpt files (the eval directory is
   * not kept).
   */
  public static final String SNAPSHOT_EXCERPTS = "excerpts";

  /** One configuration at one step; step is -1 when its runs share no evaluated step. */
  public record Row(
      RunSpec config, long step, boolean last, List<Long> seeds, ModelVerdict.Verdict verdict) {}

  /**
   * What `poisonlab verdict` reports: the file, its rows, and finished runs without per-excerpt
   * files.
   */
  public record Result(
      Path file, List<Row> rows, List<String> runsWithoutExcerpts, int earlierRowsKept) {}

  private Verdicts() {}

  /** Recomputes GRID/verdicts.csv from a grid directory (a live grid or a snapshot). */
  public static Result recompute(Path gridDirectory) {
    GridWorkspace workspace = GridWorkspace.existing(gridDirectory);
    return write(workspace, workspace.spec().runs(), GridRunner.ROWS_FILE, Earlier.KEEP);
  }

  /**
   * Rows of the file being replaced at checkpoints the per-excerpt files no longer hold: a grid
   * (every checkpoint's files at hand) writes what it computed; `verdict` on a snapshot, and a grid
   * seeded from one (a finished run without its eval directory), keep them.
   */
  enum Earlier {
    REPLACE,
    KEEP
  }

  /** Writes verdicts.csv (atomically) when any poisoned or placebo run has finished. */
  static Result write(GridWorkspace workspace, List<RunSpec> runs, String rowsFileName) {
    boolean seeded =
        runs.stream()
            .map(workspace::runDirectory)
            .anyMatch(
                run ->
                    Files.isRegularFile(run.resolve(rowsFileName))
                        && !Files.isDirectory(run.resolve("eval")));
    return write(workspace, runs, rowsFileName, seeded ? Earlier.KEEP : Earlier.REPLACE);
  }

  private static Result write(
      GridWorkspace workspace, List<RunSpec> runs, String rowsFileName, Earlier earlier) {
    List<RunSpec> finished =
        runs.stream()
            .filter(run -> Files.isRegularFile(workspace.runDirectory(run).resolve(rowsFileName)))
            .toList();
    Map<RunSpec, TreeMap<Long, Path>> excerpts = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (RunSpec run : finished) {
      TreeMap<Long, Path> files = excerptFiles(workspace.runDirectory(run));
      if (files.isEmpty()) {
        missing.add(run.id());
      } else {
        excerpts.put(run, files);
      }
    }
    Map<RunSpec, List<RunSpec>> configurations = new LinkedHashMap<>();
    finished.stream()
        .filter(run -> !run.isCleanTwin())
        .forEach(
            run ->
                configurations
                    .computeIfAbsent(configuration(run), k -> new ArrayList<>())
                    .add(run));
    List<Row> rows = new ArrayList<>();
    configurations.forEach(
        (config, members) -> rows.addAll(verdicts(config, members, finished, excerpts)));
    Path file = workspace.directory().resolve(FILE);
    int kept = 0;
    if (!rows.isEmpty()) {
      String text = VerdictsCsv.format(rows);
      String computed = text;
      if (earlier == Earlier.KEEP && Files.isRegularFile(file)) {
        text = EarlierVerdictRows.merge(readString(file), text);
      }
      AtomicFiles.writeString(file, text);
      kept = (int) (text.lines().count() - computed.lines().count());
    }
    return new Result(file, rows, missing, kept);
  }

  private static List<Row> verdicts(
      RunSpec config,
      List<RunSpec> members,
      List<RunSpec> finished,
      Map<RunSpec, TreeMap<Long, Path>> excerpts) {
    List<RunSpec> twins =
        finished.stream()
            .filter(
                run -> run.isCleanTwin() && sameSetting(run, config) && excerpts.containsKey(run))
            .toList();
    List<RunSpec> poisoned =
        members.stream()
            .filter(excerpts::containsKey)
            .filter(run -> twins.stream().anyMatch(twin -> twin.seed() == run.seed()))
            .toList();
    TreeSet<Long> steps = null;
    for (RunSpec run : concat(poisoned, twins)) {
      if (steps == null) {
        steps = new TreeSet<>(excerpts.get(run).keySet());
      } else {
        steps.retainAll(excerpts.get(run).keySet());
      }
    }
    if (steps == null || steps.isEmpty()) {
      // nothing to compare: say so rather than leave the configuration out
      List<Long> seeds = poisoned.stream().map(RunSpec::seed).toList();
      return List.of(new Row(config, -1, true, seeds, ModelVerdict.decide(List.of(), List.of())));
    }
    List<Row> rows = new ArrayList<>();
    for (long step : steps) {
      List<SeedRun> poisonedRuns =
          poisoned.stream().map(run -> seedRun(run, excerpts.get(run).get(step))).toList();
      List<SeedRun> twinRuns =
          twins.stream().map(run -> seedRun(run, excerpts.get(run).get(step))).toList();
      ModelVerdict.Verdict verdict = ModelVerdict.decide(poisonedRuns, twinRuns);
      // the seeds actually compared (a pair without shared excerpts is left out)
      List<Long> seeds = verdict.effects().stream().map(ModelVerdict.SeedEffect::seed).toList();
      rows.add(new Row(config, step, step == steps.last(), seeds, verdict));
    }
    return rows;
  }

  /**
   * The run's per-excerpt files: its eval directory's, else a snapshot's gzipped copies; empty if
   * neither.
   */
  static TreeMap<Long, Path> excerptFiles(Path runDirectory) {
    for (String name : List.of("eval", SNAPSHOT_EXCERPTS)) {
      Path directory = runDirectory.resolve(name);
      if (Files.isDirectory(directory)) {
        TreeMap<Long, Path> files = ExcerptFiles.list(directory);
        if (!files.isEmpty()) {
          return files;
        }
      }
    }
    return new TreeMap<>();
  }

  /** A configuration is named by a run of it at seed 0 (its attack kept: attacks are apart). */
  private static RunSpec configuration(RunSpec run) {
    return new RunSpec(
            run.model(), run.numPoisonDocs(), run.dataMultiplier(), 0, run.defense(), run.placebo())
        .withAttack(run.strategy(), run.triggerGroup());
  }

  /** A twin of the configuration's setting: the same filter and the same trigger. */
  private static boolean sameSetting(RunSpec a, RunSpec b) {
    return a.model().equals(b.model())
        && a.dataMultiplier() == b.dataMultiplier()
        && a.defense().equals(b.defense())
        && Objects.equals(a.triggerGroup(), b.triggerGroup());
  }

  /** A run's per-excerpt file at one checkpoint, read, as the verdict takes it. */
  static SeedRun seedRun(RunSpec run, Path file) {
    return new SeedRun(run.id(), run.seed(), file, ExcerptFiles.read(file));
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<RunSpec> concat(List<RunSpec> a, List<RunSpec> b) {
    List<RunSpec> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
