/*
 * A document of a monitored run at its best sighting: score (bits), whether that flags it, the step, its
 * high-loss span [start, end) in stream offsets, the mean excess per token, how often it was seen, and a
 * decoded excerpt from just before the span. Only values: SightingTally makes them, MonitorReport writes them.
 */
package dev.poisonlab.defense.monitor;

public record Suspect(
    String id,
    boolean poison,
    double score,
    boolean flagged,
    long step,
    long spanStart,
    long spanEnd,
    double meanExcessBits,
    int sightings,
    String excerpt) {

  public static Builder builder() {
    return new Builder();
  }

  /** Named parts, filled by SightingTally and TrainingMonitor. */
  public static final class Builder {
    private String id;
    private boolean poison;
    private double score;
    private boolean flagged;
    private long step;
    private long spanStart;
    private long spanEnd;
    private double meanExcessBits;
    private int sightings;
    private String excerpt;

    private Builder() {}

    public Builder id(String value) {
      this.id = value;
      return this;
    }

    public Builder poison(boolean value) {
      this.poison = value;
      return this;
    }

    public Builder score(double value) {
      this.score = value;
      return this;
    }

    public Builder flagged(boolean value) {
      this.flagged = value;
      return this;
    }

    public Builder step(long value) {
      this.step = value;
      return this;
    }

    public Builder spanStart(long value) {
      this.spanStart = value;
      return this;
    }

    public Builder spanEnd(long value) {
      this.spanEnd = value;
      return this;
    }

    public Builder meanExcessBits(double value) {
      this.meanExcessBits = value;
      return this;
    }

    public Builder sightings(int value) {
      this.sightings = value;
      return this;
    }

    public Builder excerpt(String value) {
      this.excerpt = value;
      return this;
    }

    public Suspect build() {
      return new Suspect(
          id, poison, score, flagged, step, spanStart, spanEnd, meanExcessBits, sightings, excerpt);
    }
  }
}
