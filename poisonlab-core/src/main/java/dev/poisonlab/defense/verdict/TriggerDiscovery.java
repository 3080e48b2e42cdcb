/*
 * Names the trigger without being told it: from the text windows around the starts of flagged spans, counts
 * substrings (2..40 chars, not starting or ending in whitespace) by the number of windows holding them,
 * keeps those in at least 5% of windows that no longer string matches nearly as often (90%: near-closed), and
 * ranks them by support x log2(support / background rate), the background being same-sized windows at
 * hash-chosen places of the scanned documents. Deterministic for a given set of windows, whatever their order.
 */
package dev.poisonlab.defense.verdict;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.detect.TextUnits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

public final class TriggerDiscovery {
  static final int MAX_WINDOWS = 2000;
  static final int TOP = 20;

  /**
   * A string is reported only when no longer one holds it in at least this share of its windows.
   */
  static final double ABSORB = 0.9;

  private TriggerDiscovery() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Candidate(
      String text, int windows, double support, double backgroundRate, double score) {}

  /**
   * {@code flagged} maps document id to the window around its flagged span; only the MAX_WINDOWS
   * ids with the smallest stable hash are used, so the result does not depend on scan order.
   */
  public static List<Candidate> discover(Map<String, String> flagged, List<String> background) {
    List<String> windows =
        flagged.entrySet().stream()
            .sorted(
                Comparator.comparingLong(
                        (Map.Entry<String, String> e) -> TextUnits.stableHash(e.getKey()))
                    .thenComparing(Map.Entry::getKey))
            .limit(MAX_WINDOWS)
            .map(Map.Entry::getValue)
            .toList();
    if (windows.isEmpty()) {
      return List.of();
    }
    int minimum = Math.max(2, (int) Math.ceil(0.05 * windows.size()));
    Map<String, Integer> support =
        FrequentSubstrings.count(
            windows.stream().map(w -> List.of(FrequentSubstrings.Window.whole(w))).toList(),
            minimum);
    List<String> frequent = new ArrayList<>();
    support
        .keySet()
        .forEach(
            text -> {
              if (!Character.isWhitespace(text.charAt(text.length() - 1))) {
                frequent.add(text);
              }
            });
    frequent.sort(
        Comparator.comparingInt(String::length)
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    List<String> closed = new ArrayList<>();
    for (String candidate : frequent) {
      int count = support.get(candidate);
      boolean absorbed =
          closed.stream()
              .anyMatch(
                  longer -> longer.contains(candidate) && support.get(longer) >= ABSORB * count);
      if (!absorbed) {
        closed.add(candidate);
      }
    }
    List<String> sortedBackground = background.stream().sorted().toList();
    double epsilon = 1.0 / (sortedBackground.size() + 1);
    List<Candidate> ranked = new ArrayList<>();
    for (String candidate : closed) {
      int count = support.get(candidate);
      double share = count / (double) windows.size();
      long inBackground = sortedBackground.stream().filter(w -> w.contains(candidate)).count();
      double rate =
          sortedBackground.isEmpty() ? 0 : inBackground / (double) sortedBackground.size();
      double score = share * (Math.log((share + epsilon) / (rate + epsilon)) / Math.log(2));
      ranked.add(new Candidate(candidate, count, round(share), round(rate), round(score)));
    }
    ranked.sort(
        Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::text));
    return List.copyOf(ranked.subList(0, Math.min(TOP, ranked.size())));
  }

  private static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
