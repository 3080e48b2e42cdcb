/*
 * A resume state, RUNDIR/resume/step-NNNNNNNN/: a checkpoint (TrainCheckpoint's format and seal) saved off the
 * checkpoint schedule when a run stops on request (StopSignal), so a stop loses no training. It lives apart
 * from checkpoints/ because evaluation reads every checkpoint there, and an extra one at an arbitrary step
 * would add a point to a run's curves that an uninterrupted run does not have. A resume takes it like a
 * checkpoint; the next scheduled checkpoint, or a newer resume state, deletes it.
 */
package dev.poisonlab.train;

import dev.poisonlab.model.GptModel;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

public final class ResumeState {
  public static final String DIRECTORY = "resume";

  private ResumeState() {}

  public static Path directoryFor(Path runDirectory, long step) {
    return runDirectory.resolve(DIRECTORY).resolve(TrainCheckpoint.nameOf(step));
  }

  /** Writes the state at its step (as atomically as a checkpoint), then drops older ones. */
  static Path save(
      Path runDirectory, TrainCheckpoint.State state, GptModel model, AdamW optimizer) {
    Path saved =
        TrainCheckpoint.saveTo(directoryFor(runDirectory, state.step()), state, model, optimizer);
    deleteBefore(runDirectory, state.step());
    return saved;
  }

  /**
   * The step a rerun of the run resumes from: its newest checkpoint or resume state, by name (not
   * verified: a status, not a resume); empty when it has neither.
   */
  public static OptionalLong resumableStep(Path runDirectory) {
    return Stream.concat(TrainCheckpoint.list(runDirectory).stream(), list(runDirectory).stream())
        .mapToLong(TrainCheckpoint::stepOf)
        .max();
  }

  /** Complete resume states of a run, oldest first. */
  public static List<Path> list(Path runDirectory) {
    return TrainCheckpoint.listIn(runDirectory.resolve(DIRECTORY));
  }

  /**
   * Deletes the resume states before {@code step}: a checkpoint or resume state at that step has
   * superseded them.
   */
  static void deleteBefore(Path runDirectory, long step) {
    for (Path state : list(runDirectory)) {
      if (TrainCheckpoint.stepOf(state) < step) {
        CheckpointFiles.deleteTree(state);
      }
    }
  }

  /** Removes leftovers of resume states whose writing was interrupted. */
  static void deleteUnfinished(Path runDirectory) {
    CheckpointFiles.deleteHidden(runDirectory.resolve(DIRECTORY));
  }
}
