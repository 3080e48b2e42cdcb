/*
 * One line of the grid's twin_tests.csv as the report reads it: which test (poisoned-vs-twin or
 * twin-vs-twin), the runs and their configuration, the checkpoint, and the paired test's numbers.
 * Values only; TwinTestFindings reads the file and states the findings.
 */
package dev.poisonlab.report;

/** One line of twin_tests.csv. */
record TwinTestLine(
    String kind,
    String runId,
    String twinId,
    String model,
    int poisons,
    String dataMultiplier,
    String defense,
    long step,
    int pairs,
    double medianDifference,
    double pValue,
    double specificityPValue) {
  /** Builds a TwinTestLine by component name instead of by 12 positions. */
  static Builder builder() {
    return new Builder();
  }

  /** TwinTestLine's components by name, handed to the canonical constructor by build(). */
  static final class Builder {
    private String kind;
    private String runId;
    private String twinId;
    private String model;
    private int poisons;
    private String dataMultiplier;
    private String defense;
    private long step;
    private int pairs;
    private double medianDifference;
    private double pValue;
    private double specificityPValue;

    private Builder() {}

    Builder kind(String value) {
      this.kind = value;
      return this;
    }

    Builder runId(String value) {
      this.runId = value;
      return this;
    }

    Builder twinId(String value) {
      this.twinId = value;
      return this;
    }

    Builder model(String value) {
      this.model = value;
      return this;
    }

    Builder poisons(int value) {
      this.poisons = value;
      return this;
    }

    Builder dataMultiplier(String value) {
      this.dataMultiplier = value;
      return this;
    }

    Builder defense(String value) {
      this.defense = value;
      return this;
    }

    Builder step(long value) {
      this.step = value;
      return this;
    }

    Builder pairs(int value) {
      this.pairs = value;
      return this;
    }

    Builder medianDifference(double value) {
      this.medianDifference = value;
      return this;
    }

    Builder pValue(double value) {
      this.pValue = value;
      return this;
    }

    Builder specificityPValue(double value) {
      this.specificityPValue = value;
      return this;
    }

    TwinTestLine build() {
      return new TwinTestLine(
          kind,
          runId,
          twinId,
          model,
          poisons,
          dataMultiplier,
          defense,
          step,
          pairs,
          medianDifference,
          pValue,
          specificityPValue);
    }
  }
}
