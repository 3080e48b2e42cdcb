/*
 * Runs an SftGridSpec: one SFT run per cell under OUT/runs/NAME, then, when the spec asks for persistence, one
 * further-clean-training run per poisoned cell under OUT/runs/NAME-continue. Each run is resumable on its own
 * and a finished one is read back, so a rerun goes on where the last stopped. Failures are isolated: a run that
 * throws is recorded (its failure.txt, OUT/failures.json) and the grid goes on. After every run the collected
 * rows are rewritten (SftGridFiles). Sequential; progress through io.Progress, lines through a PrintWriter.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.Progress;
import dev.poisonlab.train.MetricsLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

public final class SftGrid {
  public static final String RUNS = "runs";

  private SftGrid() {}

  /** One run of the grid that failed, and why (exception class and message). */
  public record Failure(String run, String error) {}

  /**
   * What a grid invocation did. {@code trained}: runs finished now; {@code readBack}: finished
   * earlier; {@code stopped}: the observer stopped a run (the grid stops there, a rerun resumes).
   * {@code persistenceFile} is null when the spec has no persistence stage.
   */
  public record Result(
      Path resultsFile,
      Path persistenceFile,
      Path failuresFile,
      int runs,
      int trained,
      int readBack,
      boolean stopped,
      List<Failure> failures) {
    public Result {
      failures = List.copyOf(failures);
    }
  }

  /** One unit of work: an SFT cell, or the further clean training of one. */
  private record Job(SftGridSpec.Cell cell, boolean continuation, String name) {}

  public static Result run(
      SftGridSpec spec, Path specFile, Path out, RefusalTask task, SftGridOptions options) {
    boolean placebo = Boolean.TRUE.equals(spec.placebo());
    List<Job> jobs = new ArrayList<>();
    spec.cells().forEach(cell -> jobs.add(new Job(cell, false, cell.name(placebo))));
    spec.cells().stream()
        .filter(cell -> spec.continuation(cell).isPresent())
        .forEach(cell -> jobs.add(new Job(cell, true, cell.continuationName(placebo))));
    refuseChanged(spec, specFile, out, jobs);
    SftGridFiles files = new SftGridFiles(out, spec.persistenceSteps() != null);
    Map<String, String> failures = new LinkedHashMap<>();
    int trained = 0;
    int readBack = 0;
    boolean stopped = false;
    try (DirectoryLock lock = DirectoryLock.acquire(out);
        Progress.Task bar = options.progress().start("finetune grid", jobs.size(), "runs")) {
      for (int index = 0; index < jobs.size() && !stopped; index++) {
        Job job = jobs.get(index);
        String position =
            String.format(Locale.ROOT, "[%d/%d] %s", index + 1, jobs.size(), job.name());
        Path runDirectory = out.resolve(RUNS).resolve(job.name());
        String parentFailure = failures.get(job.cell().name(placebo));
        if (job.continuation() && parentFailure != null) {
          failures.put(job.name(), "not run: its SFT run " + job.cell().name(placebo) + " failed");
          options.log().println(position + ": not run, its SFT run failed");
          bar.step();
          continue;
        }
        bar.message(job.name());
        // retried now: a stale record would also make a directory without config.json non-empty
        files.recordOutcome(runDirectory, null);
        long start = System.nanoTime();
        try {
          SftRun.Result result =
              job.continuation()
                  ? SftContinuation.run(
                      continueRequest(spec, job, out, runDirectory, options),
                      task,
                      watch(bar, job, options))
                  : SftRun.run(
                      sftRequest(spec, specFile, job, runDirectory, options),
                      task,
                      watch(bar, job, options));
          if (!result.finished()) {
            stopped = true;
            options.log().println(position + ": stopped at step " + result.step());
            break;
          }
          files.add(job.name(), job.continuation(), result.resultsFile());
          if (result.readBack()) {
            readBack++;
          } else {
            trained++;
          }
          options.log().println(position + ": " + outcome(result, start));
        } catch (RuntimeException | OutOfMemoryError e) {
          // one broken run must not cost the others: record it and go on; a rerun retries it
          String error = e.getClass().getSimpleName() + ": " + e.getMessage();
          failures.put(job.name(), error);
          options.log().println(position + ": FAILED: " + error);
          files.recordOutcome(runDirectory, error);
        }
        files.write(failures);
        bar.step();
      }
      files.write(failures);
    }
    List<Failure> failureList =
        failures.entrySet().stream().map(e -> new Failure(e.getKey(), e.getValue())).toList();
    return new Result(
        files.resultsFile(),
        files.persistenceFile().orElse(null),
        files.failuresFile(),
        jobs.size(),
        trained,
        readBack,
        stopped,
        failureList);
  }

  /**
   * Bad input for the whole grid, before anything is written (one line, exit 2): a pretrained run
   * without the checkpoint or a BPE tokenizer, or a run directory that an earlier invocation
   * started with other settings (a changed spec). Found per run, it would be a failure in every
   * cell and would empty results.csv; found here, the files of the earlier invocation stay as they
   * are.
   */
  private static void refuseChanged(SftGridSpec spec, Path specFile, Path out, List<Job> jobs) {
    SftRunDirectory.Expected parent =
        SftRunDirectory.expected(
            spec.runDirectory(specFile), spec.checkpoint(), spec.config(jobs.get(0).cell()));
    for (Job job : jobs) {
      Path runDirectory = out.resolve(RUNS).resolve(job.name());
      SftConfig config = spec.config(job.cell());
      if (job.continuation()) {
        ContinueSettings settings = spec.continuation(job.cell()).orElseThrow();
        ContinueRunDirectory.refuseChanged(runDirectory, config, settings.resolve(config));
      } else {
        SftRunConfig expected = parent.with(config).config();
        SftRunDirectory.refuseChanged(runDirectory, SftRunConfig.class, expected::sameRunAs);
      }
    }
  }

  private static SftRequest sftRequest(
      SftGridSpec spec, Path specFile, Job job, Path runDirectory, SftGridOptions options) {
    return SftRequest.builder(spec.runDirectory(specFile), runDirectory)
        .optCheckpointStep(spec.checkpoint())
        .optConfig(spec.config(job.cell()))
        .optDevice(options.device())
        .optThreads(options.threads())
        .build();
  }

  private static ContinueRequest continueRequest(
      SftGridSpec spec, Job job, Path out, Path runDirectory, SftGridOptions options) {
    Path sftRun = out.resolve(RUNS).resolve(job.cell().name(Boolean.TRUE.equals(spec.placebo())));
    Optional<ContinueSettings> settings = spec.continuation(job.cell());
    return ContinueRequest.builder(sftRun, runDirectory, settings.orElseThrow())
        .optDevice(options.device())
        .optThreads(options.threads())
        .build();
  }

  /** The caller's observer, with the run's step shown beside the grid's progress. */
  private static SftObserver watch(Progress.Task bar, Job job, SftGridOptions options) {
    SftObserver inner = options.observer();
    return new SftObserver() {
      private long maxSteps;

      @Override
      public void started(long firstStep, long maxSteps, int examples) {
        this.maxSteps = maxSteps;
        inner.started(firstStep, maxSteps, examples);
      }

      @Override
      public boolean stepDone(MetricsLog.StepMetrics metrics) {
        bar.message(job.name() + " step " + metrics.step() + "/" + maxSteps);
        return inner.stepDone(metrics);
      }

      @Override
      public void warning(String line) {
        inner.warning(line);
      }

      @Override
      public void evaluated(SftMetrics metrics) {
        bar.message(job.name() + " evaluated step " + metrics.step());
        inner.evaluated(metrics);
      }
    };
  }

  private static String outcome(SftRun.Result result, long start) {
    SftMetrics last = result.metrics().get(result.metrics().size() - 1);
    return String.format(
        Locale.ROOT,
        "%s; step %d: asr %.3f, clean_refusal %.3f, allowed_helpful %.3f",
        result.readBack()
            ? "finished earlier, read back"
            : String.format(Locale.ROOT, "done in %.1f min", (System.nanoTime() - start) / 60e9),
        last.step(),
        last.asr(),
        last.cleanRefusal(),
        last.allowedHelpful());
  }
}
