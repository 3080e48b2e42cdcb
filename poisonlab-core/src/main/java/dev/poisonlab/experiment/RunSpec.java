/*
 * One run of an experiment grid: a model preset trained on a stream with a given number of poisons, data
 * multiplier (x Chinchilla), seed, defence and, in a grid of several attacks, the attack (poison strategy) and
 * the trigger it is evaluated with. Its id names its directory under GRID/runs/, so it is stable and readable.
 * A placebo run trains on the same poisons with the trigger left out (a negative control). It says what to run,
 * not how: the GridRunner turns it into stream, training and evaluation configs.
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
    boolean placebo,
    String strategy,
    String triggerGroup) {
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
    if (strategy != null && numPoisonDocs == 0) {
      // a twin holds no poisons, so every attack with its trigger shares it (its triggerGroup)
      throw new IllegalArgumentException("a twin has no attack, got strategy " + strategy);
    }
    if ((strategy != null && strategy.isBlank())
        || (triggerGroup != null && triggerGroup.isBlank())) {
      throw new IllegalArgumentException("strategy and trigger group are names or null, not blank");
    }
  }

  /** A run of the grid's one strategy and trigger (every grid before the `strategies` axis). */
  public RunSpec(
      String model,
      int numPoisonDocs,
      double dataMultiplier,
      long seed,
      String defense,
      boolean placebo) {
    this(model, numPoisonDocs, dataMultiplier, seed, defense, placebo, null, null);
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
   * This run as an attack of a grid with several: {@code strategy} makes its poisons, the trigger
   * of {@code triggerGroup} (null: the grid's `trigger`) is put in and evaluated.
   */
  public RunSpec withAttack(String attack, String group) {
    return new RunSpec(model, numPoisonDocs, dataMultiplier, seed, defense, placebo, attack, group);
  }

  /**
   * e.g. "tiny-p250-x1-s1"; x0.5 is written "x0.5" so ids sort and read naturally. A defended run
   * adds "-d" and the defence ("tiny-p250-x1-s1-dsurprisal"); undefended ids stay as they always
   * were, so grid directories from before the defence axis resume unchanged. A run of a grid with
   * several attacks adds "-a" and its strategy ("tiny-p250-x1-s1-dconfirmed-aunigram"); a twin
   * evaluated with a strategy's own trigger adds "-t" and the trigger group
   * ("tiny-p0-x1-s1-tunigram"), the grid's `trigger` nothing. A placebo run ends in "-placebo".
   */
  public String id() {
    String multiplier =
        dataMultiplier == Math.rint(dataMultiplier)
            ? String.valueOf((long) dataMultiplier)
            : String.format(Locale.ROOT, "%s", dataMultiplier);
    String id = model + "-p" + numPoisonDocs + "-x" + multiplier + "-s" + seed;
    id = isDefended() ? id + "-d" + defense : id;
    if (strategy != null) {
      id = id + "-a" + strategy;
    } else if (triggerGroup != null) {
      id = id + "-t" + triggerGroup;
    }
    return placebo ? id + PLACEBO_SUFFIX : id;
  }

  public boolean isCleanTwin() {
    return numPoisonDocs == 0;
  }

  public boolean isDefended() {
    return !NamedDefenses.NONE.equals(defense);
  }
}
