/*
 * Builds a checkpoint.json state (TrainCheckpoint.State) by field name instead of by 12 positions;
 * State.builder() and toBuilder() hand one out. The caller sets every field but the format version (the current one),
 * skipped_batches (0) and the seal (none: TrainCheckpoint.save seals). JSON binds to the record, not to this class.
 */
package dev.poisonlab.train;

import dev.poisonlab.model.GptConfig;

public final class CheckpointStateBuilder {
  private int formatVersion = TrainCheckpoint.FORMAT_VERSION;
  private long step;
  private long tokensSeen;
  private long poisonsSeen;
  private double loss;
  private TokenStream.DataPosition dataPosition;
  private TrainCheckpoint.RandomState random;
  private long optimizerStep;
  private GptConfig model;
  private TrainConfig train;
  private long skippedBatches;
  private CheckpointIntegrity.Seal seal;

  CheckpointStateBuilder() {}

  CheckpointStateBuilder(TrainCheckpoint.State from) {
    formatVersion = from.formatVersion();
    step = from.step();
    tokensSeen = from.tokensSeen();
    poisonsSeen = from.poisonsSeen();
    loss = from.loss();
    dataPosition = from.dataPosition();
    random = from.random();
    optimizerStep = from.optimizerStep();
    model = from.model();
    train = from.train();
    skippedBatches = from.skippedBatches();
    seal = from.seal();
  }

  public CheckpointStateBuilder formatVersion(int value) {
    this.formatVersion = value;
    return this;
  }

  public CheckpointStateBuilder step(long value) {
    this.step = value;
    return this;
  }

  public CheckpointStateBuilder tokensSeen(long value) {
    this.tokensSeen = value;
    return this;
  }

  public CheckpointStateBuilder poisonsSeen(long value) {
    this.poisonsSeen = value;
    return this;
  }

  public CheckpointStateBuilder loss(double value) {
    this.loss = value;
    return this;
  }

  public CheckpointStateBuilder dataPosition(TokenStream.DataPosition value) {
    this.dataPosition = value;
    return this;
  }

  public CheckpointStateBuilder random(TrainCheckpoint.RandomState value) {
    this.random = value;
    return this;
  }

  public CheckpointStateBuilder optimizerStep(long value) {
    this.optimizerStep = value;
    return this;
  }

  public CheckpointStateBuilder model(GptConfig value) {
    this.model = value;
    return this;
  }

  public CheckpointStateBuilder train(TrainConfig value) {
    this.train = value;
    return this;
  }

  public CheckpointStateBuilder skippedBatches(long value) {
    this.skippedBatches = value;
    return this;
  }

  public CheckpointStateBuilder seal(CheckpointIntegrity.Seal value) {
    this.seal = value;
    return this;
  }

  public TrainCheckpoint.State build() {
    return new TrainCheckpoint.State(
        formatVersion,
        step,
        tokensSeen,
        poisonsSeen,
        loss,
        dataPosition,
        random,
        optimizerStep,
        model,
        train,
        skippedBatches,
        seal);
  }
}
