/*
 * Whether another fine-tuning grid fine-tuned and evaluated like this one, so that its cells may stand beside
 * this grid's (report SFTGRID --with OTHER): the trigger and every shared cell's final step from the rows (they
 * follow from the epochs or steps rule and the batch size, and a committed snapshot has only rows), and, run by
 * run where both grids keep its runs/NAME/config.json, the SFT settings that decide a result. The base model may
 * differ: that is the comparison. The first difference is an InputException naming the other grid's file. Reads
 * and checks only.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class SftSameSettings {
  /**
   * The sft fields of config.json that decide what a run learns and how it is scored, compared
   * between a run and the same run of the other grid: all but warmup_steps (capped below each run's
   * steps) are one per grid; max_steps is per cell and is checked on the rows' final steps.
   */
  static final List<String> SETTINGS =
      List.of(
          "trigger",
          "batch_size",
          "learning_rate",
          "warmup_steps",
          "schedule",
          "min_learning_rate_ratio",
          "eval_items",
          "new_tokens",
          "controls");

  private static final String WHY =
      " (fine-tuning grids compared with --with must share the steps rule, batch size, learning rate"
          + " and schedule, trigger, controls and evaluation; only the base model may differ)";

  private SftSameSettings() {}

  /**
   * Throws at the first difference of {@code other} from {@code own}; returns a note when the
   * config.json settings could not be compared (a grid without them, or no run with one in both).
   */
  static Optional<String> check(SftGridDirectory own, SftGridDirectory other) {
    triggers(own, other);
    finalSteps(own, other);
    if (own.configs().isEmpty() || other.configs().isEmpty()) {
      SftGridDirectory without = own.configs().isEmpty() ? own : other;
      return Optional.of(
          "Only the trigger and the final steps were compared with "
              + other.directory()
              + ": "
              + without.directory()
              + " has no runs/NAME/config.json, so its batch size, learning rate, controls and "
              + "evaluation settings are not known.");
    }
    // run by run: warmup_steps is capped below each run's max_steps (SftConfig), so cells of other
    // lengths differ in it within one grid; a run this grid lacks has nothing to be compared with
    int compared = 0;
    for (Map.Entry<String, JsonNode> run : other.configs().entrySet()) {
      JsonNode mine = own.configs().get(run.getKey());
      if (mine == null) {
        continue;
      }
      for (String field : SETTINGS) {
        require(
            config(other, run.getKey()),
            "sft." + field,
            run.getValue().path("sft").path(field),
            config(own, run.getKey()),
            mine.path("sft").path(field));
      }
      compared++;
    }
    if (compared == 0) {
      return Optional.of(
          "Only the trigger and the final steps were compared with "
              + other.directory()
              + ": no run has a runs/NAME/config.json in both grids, so their batch size, learning "
              + "rate, controls and evaluation settings were not compared.");
    }
    return Optional.empty();
  }

  private static void triggers(SftGridDirectory own, SftGridDirectory other) {
    Set<String> mine = triggersOf(own);
    Set<String> theirs = triggersOf(other);
    if (!mine.equals(theirs)) {
      throw new InputException(
          rows(other), 0, "trigger " + theirs + " where " + rows(own) + " has " + mine + WHY);
    }
  }

  private static Set<String> triggersOf(SftGridDirectory grid) {
    return new TreeSet<>(grid.rows().stream().map(SftRow::trigger).toList());
  }

  /** Each cell both grids ran ends at the same step, or its runs trained for other lengths. */
  private static void finalSteps(SftGridDirectory own, SftGridDirectory other) {
    Map<SftRow.Cell, List<SftRow>> mine = SftSummaries.finals(own.rows());
    Map<SftRow.Cell, List<SftRow>> theirs = SftSummaries.finals(other.rows());
    for (Map.Entry<SftRow.Cell, List<SftRow>> cell : theirs.entrySet()) {
      List<SftRow> ours = mine.get(cell.getKey());
      if (ours == null) {
        continue;
      }
      Set<Long> expected = steps(ours);
      Set<Long> found = steps(cell.getValue());
      if (!found.equals(expected)) {
        throw new InputException(
            rows(other),
            0,
            "cell "
                + ours.get(0).runName().replaceFirst("-s[0-9]+", "")
                + " ends at step "
                + found
                + " where "
                + rows(own)
                + " has "
                + expected
                + WHY);
      }
    }
  }

  private static Set<Long> steps(List<SftRow> rows) {
    return new TreeSet<>(rows.stream().map(SftRow::step).toList());
  }

  /** results.csv, named also before the grid writes it (its rows then come from its runs). */
  private static Path rows(SftGridDirectory grid) {
    return grid.directory().resolve(SftCsv.RESULTS);
  }

  private static Path config(SftGridDirectory grid, String run) {
    return grid.directory().resolve(SftCsv.RUNS).resolve(run).resolve(SftGridDirectory.CONFIG);
  }

  private static void require(
      Path file, String what, JsonNode found, Path reference, JsonNode expected) {
    SameRecipe.requireEqual(file, what, found, reference, expected, WHY);
  }
}
