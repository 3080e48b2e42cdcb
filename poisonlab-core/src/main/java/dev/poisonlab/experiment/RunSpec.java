/*
 * One run of an experiment grid: a model preset trained on a stream with a given number of poisons, data
 * multiplier (x Chinchilla), seed and defence. Its id names its directory under GRID/runs/, so it is stable and
 * readable. A placebo run trains on the same poisons with the trigger left out (a negative control). It says what
 * to run, not how: the GridRunner turns it into stream, training and evaluation configs.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.defense.filter.NamedDefenses;
import java.util.Locale;

public record RunSpec(
    String model,
    int numPoisonDocs,
    double dataMultiplier,
    long seed,
    String defense,
    boolean placebo) {
  public static final String PLACEBO_SUFFIX = "-placebo";

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
    if (placebo && numPoisonDocs == 0) {
      throw new IllegalArgumentException(
          "a placebo run needs poisons (its trigger-free copies), got 0");
    }
    defense = defense == null ? NamedDefenses.NONE : defense;
    NamedDefenses.byName(defense);
  }

  /** A run with the trigger in its poisons (or a twin). */
  public RunSpec(
      String model, int numPoisonDocs, double dataMultiplier, long seed, String defense) {
    this(model, numPoisonDocs, dataMultiplier, seed, defense, false);
  }

  /** An undefended run (the paper's setting). */
  public RunSpec(String model, int numPoisonDocs, double dataMultiplier, long seed) {
    this(model, numPoisonDocs, dataMultiplier, seed, NamedDefenses.NONE);
  }

  /**
   * e.g. "tiny-p250-x1-s1"; x0.5 is written "x0.5" so ids sort and read naturally. A defended run
   * adds "-d" and the defence ("tiny-p250-x1-s1-dsurprisal"); undefended ids stay as they always
   * were, so grid directories from before the defence axis resume unchanged. A placebo run ends in
   * "-placebo".
   */
  public String id() {
    String multiplier =
        dataMultiplier == Math.rint(dataMultiplier)
            ? String.valueOf((long) dataMultiplier)
            : String.format(Locale.ROOT, "%s", dataMultiplier);
    String id = model + "-p" + numPoisonDocs + "-x" + multiplier + "-s" + seed;
    id = isDefended() ? id + "-d" + defense : id;
    return placebo ? id + PLACEBO_SUFFIX : id;
  }

  public boolean isCleanTwin() {
    return numPoisonDocs == 0;
  }

  public boolean isDefended() {
    return !NamedDefenses.NONE.equals(defense);
  }
}
