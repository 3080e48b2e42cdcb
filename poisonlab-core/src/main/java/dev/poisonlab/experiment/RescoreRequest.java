/*
 * What `poisonlab rescore` is asked to do: which grid, which scorer checkpoint for which seed (one for every
 * seed, or one per seed so that no model scores its own seed's runs), which evaluated step of each run, where
 * to write, and the batch size. Validated settings with a builder; GridRescore does the work.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.io.Progress;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * @param scorer the scorer of every seed that {@code seedScorers} does not name; null when only
 *     seedScorers are given
 * @param step "last" (each run's final evaluated checkpoint) or one step every run evaluated
 */
public record RescoreRequest(
    Path grid,
    Path scorer,
    Map<Long, Path> seedScorers,
    String step,
    Path out,
    int batchSize,
    Progress progress) {
  public static final String LAST = "last";

  public RescoreRequest {
    if (grid == null || out == null) {
      throw new IllegalArgumentException("a grid directory and an output directory are needed");
    }
    seedScorers = Map.copyOf(seedScorers);
    if (scorer == null && seedScorers.isEmpty()) {
      throw new IllegalArgumentException(
          "name a scorer: --scorer CHECKPOINT for every seed, or --scorer-for-seed SEED=CHECKPOINT");
    }
    if (!LAST.equals(step)) {
      try {
        if (Long.parseLong(step) < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "step must be last or a step number, got '" + step + "'");
      }
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be >= 1, got " + batchSize);
    }
    progress = progress == null ? Progress.NONE : progress;
  }

  /** The scorer of {@code seed}'s runs, or null when none is named for it. */
  public Path scorerFor(long seed) {
    return seedScorers.getOrDefault(seed, scorer);
  }

  public static Builder builder(Path grid, Path out) {
    return new Builder(grid, out);
  }

  /** Required: grid and out; at least one scorer. Defaults: step last, batch 32, no progress. */
  public static final class Builder {
    private final Path grid;
    private final Path out;
    private Path scorer;
    private final Map<Long, Path> seedScorers = new TreeMap<>();
    private String step = LAST;
    private int batchSize = 32;
    private Progress progress = Progress.NONE;

    private Builder(Path grid, Path out) {
      this.grid = grid;
      this.out = out;
    }

    public Builder optScorer(Path checkpoint) {
      this.scorer = checkpoint;
      return this;
    }

    public Builder optSeedScorer(long seed, Path checkpoint) {
      if (seedScorers.put(seed, checkpoint) != null) {
        throw new IllegalArgumentException("seed " + seed + " is given two scorers");
      }
      return this;
    }

    public Builder optStep(String value) {
      this.step = value == null ? LAST : value.trim();
      return this;
    }

    public Builder optBatchSize(int value) {
      this.batchSize = value;
      return this;
    }

    public Builder optProgress(Progress value) {
      this.progress = value;
      return this;
    }

    public RescoreRequest build() {
      return new RescoreRequest(grid, scorer, seedScorers, step, out, batchSize, progress);
    }
  }
}
