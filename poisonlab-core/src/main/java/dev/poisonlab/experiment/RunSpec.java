/*
 * One run of an experiment grid: a model preset trained on a stream with a given number of poisons, data
 * multiplier (x Chinchilla) and seed. Its id names its directory under GRID/runs/, so it is stable and readable.
 * It says what to run, not how: the GridRunner turns it into stream, training and evaluation configs.
 */
package dev.poisonlab.experiment;

import java.util.Locale;

public record RunSpec(String model, int numPoisonDocs, double dataMultiplier, long seed) {
  public RunSpec {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must name a preset");
    }
    if (numPoisonDocs < 0) {
      throw new IllegalArgumentException("numPoisonDocs must be >= 0, got " + numPoisonDocs);
    }
    if (!(dataMultiplier > 0)) {
      throw new IllegalArgumentException("dataMultiplier must be > 0, got " + dataMultiplier);
    }
  }

  /** e.g. "tiny-p250-x1-s1"; x0.5 is written "x0.5" so ids sort and read naturally. */
  public String id() {
    String multiplier =
        dataMultiplier == Math.rint(dataMultiplier)
            ? String.valueOf((long) dataMultiplier)
            : String.format(Locale.ROOT, "%s", dataMultiplier);
    return model + "-p" + numPoisonDocs + "-x" + multiplier + "-s" + seed;
  }

  public boolean isCleanTwin() {
    return numPoisonDocs == 0;
  }
}
