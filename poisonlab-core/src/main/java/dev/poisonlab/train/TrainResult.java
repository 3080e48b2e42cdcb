/*
 * What a training call did: where, from which step to which, the last loss, tokens and poisons seen,
 * whether an observer stopped it early, and how long it took.
 */
package dev.poisonlab.train;

import java.nio.file.Path;

public record TrainResult(
    Path runDirectory,
    long resumedFromStep,
    long finalStep,
    long maxSteps,
    double finalLoss,
    long tokensSeen,
    long poisonsSeen,
    boolean stoppedEarly,
    Path lastCheckpoint,
    double seconds) {
  /** Builds a TrainResult by component name instead of by 10 positions. */
  public static Builder builder() {
    return new Builder();
  }

  /** TrainResult's components by name, handed to the canonical constructor by build(). */
  public static final class Builder {
    private Path runDirectory;
    private long resumedFromStep;
    private long finalStep;
    private long maxSteps;
    private double finalLoss;
    private long tokensSeen;
    private long poisonsSeen;
    private boolean stoppedEarly;
    private Path lastCheckpoint;
    private double seconds;

    private Builder() {}

    public Builder runDirectory(Path value) {
      this.runDirectory = value;
      return this;
    }

    public Builder resumedFromStep(long value) {
      this.resumedFromStep = value;
      return this;
    }

    public Builder finalStep(long value) {
      this.finalStep = value;
      return this;
    }

    public Builder maxSteps(long value) {
      this.maxSteps = value;
      return this;
    }

    public Builder finalLoss(double value) {
      this.finalLoss = value;
      return this;
    }

    public Builder tokensSeen(long value) {
      this.tokensSeen = value;
      return this;
    }

    public Builder poisonsSeen(long value) {
      this.poisonsSeen = value;
      return this;
    }

    public Builder stoppedEarly(boolean value) {
      this.stoppedEarly = value;
      return this;
    }

    public Builder lastCheckpoint(Path value) {
      this.lastCheckpoint = value;
      return this;
    }

    public Builder seconds(double value) {
      this.seconds = value;
      return this;
    }

    public TrainResult build() {
      return new TrainResult(
          runDirectory,
          resumedFromStep,
          finalStep,
          maxSteps,
          finalLoss,
          tokensSeen,
          poisonsSeen,
          stoppedEarly,
          lastCheckpoint,
          seconds);
    }
  }
}
