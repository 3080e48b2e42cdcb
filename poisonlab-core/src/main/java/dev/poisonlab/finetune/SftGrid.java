/*
 * Runs an SftGridSpec: one SFT run per cell under OUT/runs/NAME (each resumable on its own, so a rerun skips
 * finished work and resumes the interrupted cell), then OUT/results.csv, every run's rows under one header:
 * poisons, clean_samples, seed, ..., asr, clean_refusal per checkpoint. Sequential; not failure-isolated.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public final class SftGrid {
  public static final String RUNS = "runs";

  private SftGrid() {}

  /** Runs every cell on {@code device} (null: SftRequest's default); returns OUT/results.csv. */
  public static Path run(
      SftGridSpec spec,
      Path specFile,
      Path out,
      RefusalTask task,
      String device,
      int threads,
      SftObserver observer) {
    try (DirectoryLock lock = DirectoryLock.acquire(out)) {
      StringBuilder rows = new StringBuilder(SftRun.RESULTS_HEADER).append('\n');
      for (SftGridSpec.Cell cell : spec.cells()) {
        SftConfig config = spec.config(cell);
        Path runDirectory = out.resolve(RUNS).resolve(cell.name(config.placebo()));
        SftRequest.Builder request =
            SftRequest.builder(spec.runDirectory(specFile), runDirectory)
                .optCheckpointStep(spec.checkpoint())
                .optConfig(config)
                .optThreads(threads);
        if (device != null) {
          request.optDevice(device);
        }
        SftRun.Result result = SftRun.run(request.build(), task, observer);
        if (result.step() < config.maxSteps()) {
          break; // stopped by the observer: the grid stops too, a rerun resumes here
        }
        appendRows(result.resultsFile(), rows);
      }
      Path results = out.resolve(SftRun.RESULTS_FILE);
      AtomicFiles.writeString(results, rows.toString());
      return results;
    }
  }

  private static void appendRows(Path resultsFile, StringBuilder rows) {
    try {
      List<String> lines = Files.readAllLines(resultsFile);
      lines.subList(1, lines.size()).forEach(line -> rows.append(line).append('\n'));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resultsFile + ": " + e.getMessage(), e);
    }
  }
}
