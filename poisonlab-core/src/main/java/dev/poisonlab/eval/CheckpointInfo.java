/*
 * Where a checkpoint sits in its run: optimizer step, fraction of the planned training done, tokens and
 * poisoned documents seen so far. Supplied by the run (the trainer's records), not computed by evaluation.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckpointInfo(
    long step, double trainingFraction, long tokensSeen, long poisonsSeen) {
  public CheckpointInfo {
    if (step < 0) {
      throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
    }
  }
}
