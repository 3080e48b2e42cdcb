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
    double seconds) {}
