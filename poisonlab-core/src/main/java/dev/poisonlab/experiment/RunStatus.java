/*
 * One run's standing in a grid, as `grid status` reports it: its state (read from what GridRunner, RunPipeline
 * and Trainer leave in runs/<id>/), its training progress and its recent throughput, and the training time it
 * still needs at a given throughput. A value only: RunStatusFiles reads the files, GridStatus sums the runs.
 * Training only: stream builds and evaluation are not in any of its numbers.
 */
package dev.poisonlab.experiment;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * @param holder pid@host of the process that holds the run's lock (a running run), else null
 * @param failure the run's failure.txt (a failed run), else null
 * @param lastLogged when train/metrics.jsonl was last written, or null without one
 * @param note what of the run's files could not be read and was assumed instead (train/config.json
 *     unreadable: the planned steps), else null
 */
public record RunStatus(
    String id,
    String model,
    State state,
    Training training,
    String holder,
    String failure,
    Instant lastLogged,
    String note) {

  /** What GridRunner would do with the run next. */
  public enum State {
    /** rows.csv is written: GridRunner skips it ("done earlier"). */
    DONE("done"),
    /** Locked by a live process (or, where its holder cannot be checked, its metrics advance). */
    RUNNING("running"),
    /** Started, not locked: a rerun resumes it from its newest checkpoint. */
    PARTIAL("partial"),
    /** Its last attempt failed (failure.txt): a rerun retries it from its newest checkpoint. */
    FAILED("failed"),
    NOT_STARTED("not started");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param step the last logged step (0 before the first)
   * @param maxSteps the run's planned steps (its config.json, or as RunPipeline would plan them
   *     before it has one or when it cannot be read)
   * @param checkpoint the step a rerun resumes from: the newest complete checkpoint or resume state
   *     (train.ResumeState), empty before the first
   * @param tokensPerSecond median tokens_per_s of the recent metrics lines, NaN when none
   */
  public record Training(
      long step,
      long maxSteps,
      OptionalLong checkpoint,
      long tokensPerStep,
      double tokensPerSecond) {

    public double percent() {
      return 100.0 * step / maxSteps;
    }

    public boolean measured() {
      return !Double.isNaN(tokensPerSecond);
    }
  }

  /**
   * Steps still to train: none once done; a running run goes on from its last logged step; any
   * other resumes from its newest checkpoint (the steps logged after it are trained again).
   */
  public long remainingSteps() {
    return switch (state) {
      case DONE -> 0;
      case RUNNING -> Math.max(0, training.maxSteps() - training.step());
      default -> training.maxSteps() - training.checkpoint().orElse(0);
    };
  }

  public long remainingTokens() {
    return remainingSteps() * training.tokensPerStep();
  }

  /**
   * Seconds of training left at {@code tokensPerSecond}: remaining steps x tokens per step /
   * throughput (NaN for a NaN throughput; 0 when nothing is left). Evaluation is not included.
   */
  public double trainingSecondsLeft(double tokensPerSecond) {
    long tokens = remainingTokens();
    return tokens == 0 ? 0 : tokens / tokensPerSecond;
  }

  /** The run's own recent throughput when it has one, else {@code sizeRate} (its size's). */
  public double rate(double sizeRate) {
    return training.measured() ? training.tokensPerSecond() : sizeRate;
  }
}
