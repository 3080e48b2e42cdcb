/*
 * Builds a StreamManifest by field name instead of by 14 positions; StreamManifest.builder() hands one out.
 * Poisons and held-out ids start empty and the build info absent (a hand-made stream); StreamManifest
 * validates in build(). The manifest of a real build comes from BuiltManifest; JSON binds to the record.
 */
package dev.poisonlab.corpus;

import java.util.List;

public final class StreamManifestBuilder {
  private int formatVersion;
  private String tokenizerName;
  private String tokenizerSha256;
  private int vocabSize;
  private String tokenDtype;
  private long seed;
  private long budgetTokens;
  private long totalTokens;
  private long cleanTokens;
  private double epochs;
  private String placement;
  private List<StreamManifest.PoisonSpan> poisons = List.of();
  private List<String> heldoutIds = List.of();
  private StreamManifest.BuildInfo build;

  StreamManifestBuilder() {}

  public StreamManifestBuilder formatVersion(int value) {
    this.formatVersion = value;
    return this;
  }

  public StreamManifestBuilder tokenizerName(String value) {
    this.tokenizerName = value;
    return this;
  }

  public StreamManifestBuilder tokenizerSha256(String value) {
    this.tokenizerSha256 = value;
    return this;
  }

  public StreamManifestBuilder vocabSize(int value) {
    this.vocabSize = value;
    return this;
  }

  public StreamManifestBuilder tokenDtype(String value) {
    this.tokenDtype = value;
    return this;
  }

  public StreamManifestBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  public StreamManifestBuilder budgetTokens(long value) {
    this.budgetTokens = value;
    return this;
  }

  public StreamManifestBuilder totalTokens(long value) {
    this.totalTokens = value;
    return this;
  }

  public StreamManifestBuilder cleanTokens(long value) {
    this.cleanTokens = value;
    return this;
  }

  public StreamManifestBuilder epochs(double value) {
    this.epochs = value;
    return this;
  }

  public StreamManifestBuilder placement(String value) {
    this.placement = value;
    return this;
  }

  /** The inserted poisons, sorted and disjoint; unset, none. */
  public StreamManifestBuilder poisons(List<StreamManifest.PoisonSpan> value) {
    this.poisons = value;
    return this;
  }

  /** Ids of the held-out documents; unset, none. */
  public StreamManifestBuilder heldoutIds(List<String> value) {
    this.heldoutIds = value;
    return this;
  }

  /** How the corpus builder made the stream; unset (null) for a hand-made stream. */
  public StreamManifestBuilder buildInfo(StreamManifest.BuildInfo value) {
    this.build = value;
    return this;
  }

  public StreamManifest build() {
    return new StreamManifest(
        formatVersion,
        tokenizerName,
        tokenizerSha256,
        vocabSize,
        tokenDtype,
        seed,
        budgetTokens,
        totalTokens,
        cleanTokens,
        epochs,
        placement,
        poisons,
        heldoutIds,
        build);
  }
}
