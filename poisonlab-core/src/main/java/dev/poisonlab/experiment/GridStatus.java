/*
 * `poisonlab grid status` as a library call: where a grid directory stands, every run of its grid.json in grid
 * order (RunStatusFiles reads each), each model size's measured throughput and the training still left, in
 * core-hours and as wall clock for P processes. It reads the directory and writes nothing, not even a lock.
 * Estimates cover training only: stream builds and evaluation are not measured here.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.tokenizer.Tokenizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class GridStatus {
  /** Metrics lines whose tokens_per_s give a run's recent throughput (their median). */
  public static final int DEFAULT_RECENT_LINES = 50;

  /**
   * The most metrics lines a run's throughput is taken from: its file is read from the end, at most
   * this many lines' worth (a few MB), however long it is.
   */
  public static final int MAX_RECENT_LINES = 10_000;

  private GridStatus() {}

  /**
   * The whole picture; {@code otherRunDirectories} are directories under runs/ that are not runs of
   * grid.json (left by an earlier spec of the same directory) and are counted nowhere.
   */
  public record Report(
      Path directory,
      String name,
      Instant readAt,
      List<RunStatus> runs,
      List<SizeEstimate> sizes,
      List<String> otherRunDirectories) {

    public long count(RunStatus.State state) {
      return runs.stream().filter(run -> run.state() == state).count();
    }

    /** Training left in the sizes with a measured throughput (core-hours at one thread a run). */
    public double coreHoursLeft() {
      return sizes.stream()
          .filter(SizeEstimate::measured)
          .mapToDouble(SizeEstimate::coreHoursLeft)
          .sum();
    }

    /** The throughput a run is estimated at: its own recent one, else its size's median. */
    public double rateOf(RunStatus run) {
      return run.rate(
          sizes.stream()
              .filter(size -> size.model().equals(run.model()))
              .findFirst()
              .map(SizeEstimate::tokensPerSecond)
              .orElse(Double.NaN));
    }

    /**
     * Training wall clock if {@code processes} processes took the unfinished runs as an unsharded
     * grid does (each the next free run in grid order), those running now first. Each running run
     * has a process of its own, so there are at least as many processes as running runs. Runs of a
     * size with no measured throughput are left out and named.
     */
    public WallClock wallClock(int processes) {
      if (processes < 1) {
        throw new IllegalArgumentException("processes must be >= 1, got " + processes);
      }
      int used = (int) Math.max(processes, count(RunStatus.State.RUNNING));
      List<Double> running = new ArrayList<>();
      List<Double> queued = new ArrayList<>();
      for (RunStatus run : runs) {
        double seconds = run.trainingSecondsLeft(rateOf(run));
        if (run.state() != RunStatus.State.DONE && !Double.isNaN(seconds)) {
          (run.state() == RunStatus.State.RUNNING ? running : queued).add(seconds);
        }
      }
      List<String> unmeasured =
          sizes.stream()
              .filter(size -> !size.measured() && size.runsLeft() > 0)
              .map(SizeEstimate::model)
              .toList();
      return new WallClock(used, processes, makespan(running, queued, used), unmeasured);
    }
  }

  /**
   * One model size: how many of its runs have a measured throughput and their median, and what is
   * left of its runs (running ones included); {@code secondsLeft} is NaN when nothing is measured.
   */
  public record SizeEstimate(
      String model,
      int measuredRuns,
      double tokensPerSecond,
      int runsLeft,
      long tokensLeft,
      double secondsLeft) {
    public boolean measured() {
      return measuredRuns > 0;
    }

    /** Process-hours of training left: core-hours at the grid's default of one thread a run. */
    public double coreHoursLeft() {
      return secondsLeft / 3600;
    }
  }

  /**
   * Training wall clock on {@code processes} processes: the {@code requested} ones, or more when
   * more runs are running now; {@code unmeasuredModels} are not in it.
   */
  public record WallClock(
      int processes, int requested, double seconds, List<String> unmeasuredModels) {}

  /** The status of a grid directory now, each run's throughput from its last 50 metrics lines. */
  public static Report read(Path directory) {
    return read(directory, DEFAULT_RECENT_LINES);
  }

  /**
   * The status now, throughput from each run's last {@code recentLines} metrics lines. A directory
   * without grid.json is an InputException naming it.
   */
  public static Report read(Path directory, int recentLines) {
    return read(directory, recentLines, Instant.now());
  }

  /** As of {@code now}, which decides whether a remote holder's metrics still advance. */
  static Report read(Path directory, int recentLines, Instant now) {
    if (recentLines < 1 || recentLines > MAX_RECENT_LINES) {
      throw new IllegalArgumentException(
          "recent lines must be 1 to " + MAX_RECENT_LINES + ", got " + recentLines);
    }
    GridWorkspace workspace = GridWorkspace.existing(directory);
    GridSpec spec = workspace.spec();
    Path specFile = directory.resolve(GridWorkspace.SPEC_FILE);
    int vocabSize = vocabSize(directory, spec);
    List<RunStatus> runs = new ArrayList<>();
    for (RunSpec run : spec.runs()) {
      if (!ModelPreset.isKnown(run.model())) {
        // GridSpec takes any name; a run of it would fail at its start, the status must not
        throw new InputException(
            specFile,
            0,
            "unknown model preset '" + run.model() + "' (known: " + ModelPreset.names() + ")");
      }
      GptConfig model = ModelPreset.byName(run.model()).config(vocabSize);
      long budget = RunPipeline.budget(spec, model, run).totalTokens();
      RunStatusFiles.Plan plan =
          new RunStatusFiles.Plan(
              RunPipeline.maxSteps(spec, model, budget), RunPipeline.tokensPerStep(spec, model));
      runs.add(RunStatusFiles.read(run, workspace.runDirectory(run), plan, recentLines, now));
    }
    return new Report(directory, spec.name(), now, runs, sizes(runs), others(directory, runs));
  }

  private static List<SizeEstimate> sizes(List<RunStatus> runs) {
    Map<String, List<RunStatus>> byModel =
        runs.stream()
            .collect(
                Collectors.groupingBy(RunStatus::model, LinkedHashMap::new, Collectors.toList()));
    List<SizeEstimate> sizes = new ArrayList<>();
    byModel.forEach(
        (model, own) -> {
          List<Double> rates =
              own.stream()
                  .filter(run -> run.training().measured())
                  .map(run -> run.training().tokensPerSecond())
                  .toList();
          double rate = median(rates);
          List<RunStatus> left =
              own.stream().filter(run -> run.state() != RunStatus.State.DONE).toList();
          sizes.add(
              new SizeEstimate(
                  model,
                  rates.size(),
                  rate,
                  left.size(),
                  left.stream().mapToLong(RunStatus::remainingTokens).sum(),
                  left.stream().mapToDouble(run -> run.trainingSecondsLeft(run.rate(rate))).sum()));
        });
    return List.copyOf(sizes);
  }

  /**
   * The largest finishing time when each duration goes, in order, to the process free first; {@code
   * first} (the runs running now) are placed before {@code queued}.
   */
  static double makespan(List<Double> first, List<Double> queued, int processes) {
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (int i = 0; i < processes; i++) {
      free.add(0.0);
    }
    double end = 0;
    for (double seconds : Stream.concat(first.stream(), queued.stream()).toList()) {
      double finish = free.remove() + seconds;
      free.add(finish);
      end = Math.max(end, finish);
    }
    return end;
  }

  /** The median of {@code values}, NaN for none. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /**
   * The vocabulary a run's model is built with, as GridWorkspace sets it: the grid's cached
   * tokenizer, or before it exists the spec's (bpe:N trains exactly N).
   */
  private static int vocabSize(Path directory, GridSpec spec) {
    Path cached = GridWorkspace.cachedTokenizer(directory);
    if (Files.isRegularFile(cached)) {
      return Tokenizers.load(cached).vocabSize();
    }
    OptionalInt bpe;
    try {
      bpe = GridWorkspace.bpeVocabSize(spec.tokenizer());
    } catch (IllegalArgumentException e) {
      throw new InputException(directory.resolve(GridWorkspace.SPEC_FILE), 0, e.getMessage());
    }
    return bpe.isPresent() ? bpe.getAsInt() : Tokenizers.load(spec.tokenizer()).vocabSize();
  }

  private static List<String> others(Path directory, List<RunStatus> runs) {
    Path runsDirectory = directory.resolve("runs");
    if (!Files.isDirectory(runsDirectory)) {
      return List.of();
    }
    Set<String> ids = runs.stream().map(RunStatus::id).collect(Collectors.toSet());
    try (Stream<Path> entries = Files.list(runsDirectory)) {
      return entries
          .filter(Files::isDirectory)
          .map(entry -> entry.getFileName().toString())
          .filter(name -> !ids.contains(name) && !name.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDirectory + ": " + e.getMessage(), e);
    }
  }
}
