/*
 * Which checkpoints of a run to evaluate: "all", "last", or a comma-separated list of steps.
 * A step the run does not have is an error naming the steps it does have.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public record CheckpointSelection(String spec) {

  public CheckpointSelection {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("checkpoint must be last, all, or a list of steps");
    }
    spec = spec.trim().toLowerCase(Locale.ROOT);
    if (!spec.equals("all") && !spec.equals("last")) {
      for (String part : spec.split(",")) {
        try {
          if (Long.parseLong(part.trim()) < 0) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "checkpoint must be last, all, or steps like 100,200; got '" + part.trim() + "'");
        }
      }
    }
  }

  public List<CheckpointInfo> select(List<CheckpointInfo> available, String runName) {
    if (available.isEmpty()) {
      throw new InputException(runName + ": the run has no checkpoints");
    }
    if (spec.equals("all")) {
      return List.copyOf(available);
    }
    if (spec.equals("last")) {
      return List.of(available.get(available.size() - 1));
    }
    List<CheckpointInfo> chosen = new ArrayList<>();
    for (String part : spec.split(",")) {
      long step = Long.parseLong(part.trim());
      CheckpointInfo match =
          available.stream()
              .filter(c -> c.step() == step)
              .findFirst()
              .orElseThrow(
                  () ->
                      new InputException(
                          runName
                              + ": no checkpoint at step "
                              + step
                              + " (have "
                              + available.stream().map(c -> Long.toString(c.step())).toList()
                              + ")"));
      if (!chosen.contains(match)) {
        chosen.add(match);
      }
    }
    return chosen;
  }
}
