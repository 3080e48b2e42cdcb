/*
 * One model's own poison and placebo counts in a grid spec (`model_counts`), for grids whose sizes cannot all
 * afford every count: e.g. the largest size at one shared count only, or the placebo control at one size. A
 * null list means "the grid's list". It narrows which runs exist, never how a run is made.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCounts(List<Integer> poisonCounts, List<Integer> placeboCounts) {
  public ModelCounts {
    if (poisonCounts == null && placeboCounts == null) {
      throw new IllegalArgumentException(
          "model_counts: give poison_counts, placebo_counts or both");
    }
    poisonCounts = poisonCounts == null ? null : requireCounts("poison_counts", poisonCounts, 0);
    placeboCounts =
        placeboCounts == null ? null : requireCounts("placebo_counts", placeboCounts, 1);
  }

  /**
   * From the spec's JSON object; either field may be left out, unknown ones are an error (the grid
   * mapper's strict missing-field rule is for the grid's own fields, not these optional ones).
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ModelCounts fromJson(Map<String, List<Integer>> fields) {
    for (String field : fields.keySet()) {
      if (!Set.of("poison_counts", "placebo_counts").contains(field)) {
        throw new IllegalArgumentException(
            "model_counts: unknown field '" + field + "' (poison_counts, placebo_counts)");
      }
    }
    return new ModelCounts(fields.get("poison_counts"), fields.get("placebo_counts"));
  }

  /** This model's poison counts: its own list, else the grid's. */
  List<Integer> poisonCounts(List<Integer> gridCounts) {
    return poisonCounts == null ? gridCounts : poisonCounts;
  }

  /** This model's placebo counts: its own list (possibly empty), else the grid's. */
  List<Integer> placeboCounts(List<Integer> gridCounts) {
    return placeboCounts == null ? gridCounts : placeboCounts;
  }

  private static List<Integer> requireCounts(String field, List<Integer> counts, int minimum) {
    if (counts.stream().anyMatch(count -> count == null || count < minimum)
        || new LinkedHashSet<>(counts).size() != counts.size()) {
      throw new IllegalArgumentException(
          "model_counts: " + field + " must be distinct counts >= " + minimum + ", got " + counts);
    }
    return List.copyOf(counts);
  }
}
