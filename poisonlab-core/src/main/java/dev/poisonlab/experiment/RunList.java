/*
 * Expands a GridSpec into its runs in a fixed order (model, multiplier, seed, defence, then the twins and each
 * attack's counts), so a small model's runs finish before a larger one starts and partial grids stay
 * comparable. A one-`strategy` spec expands exactly as grids did before the attack axis (same ids, same
 * order); a `strategies` spec shares each twin among the attacks with its trigger.
 */
package dev.poisonlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

final class RunList {
  private RunList() {}

  static List<RunSpec> of(GridSpec spec) {
    List<RunSpec> runs = new ArrayList<>();
    for (String model : spec.models()) {
      ModelCounts own = spec.modelCounts().get(model);
      List<Integer> poisonCounts =
          own == null ? spec.poisonCounts() : own.poisonCounts(spec.poisonCounts());
      List<Integer> placeboCounts =
          own == null ? spec.placeboCounts() : own.placeboCounts(spec.placeboCounts());
      for (double multiplier : spec.dataMultipliers()) {
        for (long seed : spec.seeds()) {
          Cell cell = new Cell(model, multiplier, seed, poisonCounts, placeboCounts);
          for (String defense : spec.defenses()) {
            if (spec.namesAttacks()) {
              attacks(spec, cell, defense, runs);
            } else {
              single(spec, cell, defense, runs);
            }
          }
        }
      }
    }
    return List.copyOf(runs);
  }

  /** One model, multiplier and seed with the model's counts. */
  private record Cell(
      String model,
      double multiplier,
      long seed,
      List<Integer> poisonCounts,
      List<Integer> placeboCounts) {}

  /** The order grids always had: the twin first, then the counts, then the placebos. */
  private static void single(GridSpec spec, Cell cell, String defense, List<RunSpec> runs) {
    LinkedHashSet<Integer> counts = new LinkedHashSet<>();
    if (spec.cleanTwin()) {
      counts.add(0);
    }
    counts.addAll(cell.poisonCounts());
    for (int count : counts) {
      runs.add(new RunSpec(cell.model(), count, cell.multiplier(), cell.seed(), defense));
    }
    for (int count : cell.placeboCounts()) {
      runs.add(new RunSpec(cell.model(), count, cell.multiplier(), cell.seed(), defense, true));
    }
  }

  /**
   * One twin per trigger group (a count of 0 in poison_counts asks for them too), then each
   * strategy's poisoned and placebo runs. A defence that drops clean documents changes the twin's
   * data, so twins are still one per defence.
   */
  private static void attacks(GridSpec spec, Cell cell, String defense, List<RunSpec> runs) {
    if (spec.cleanTwin() || cell.poisonCounts().contains(0)) {
      for (String group : GridAttacks.groups(spec)) {
        runs.add(
            new RunSpec(cell.model(), 0, cell.multiplier(), cell.seed(), defense)
                .withAttack(null, group));
      }
    }
    for (String strategy : spec.attacks()) {
      String group = GridAttacks.group(spec, strategy);
      for (int count : cell.poisonCounts()) {
        if (count > 0) {
          runs.add(
              new RunSpec(cell.model(), count, cell.multiplier(), cell.seed(), defense)
                  .withAttack(strategy, group));
        }
      }
      for (int count : cell.placeboCounts()) {
        runs.add(
            new RunSpec(cell.model(), count, cell.multiplier(), cell.seed(), defense, true)
                .withAttack(strategy, group));
      }
    }
  }
}
