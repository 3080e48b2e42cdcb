/*
 * What a scan found: corpus size, time, every flag, the ranked trigger candidates per localizing detector and,
 * with ground truth, the metrics table, and the confirmed verdict's evidence (null when it did not run). The
 * library call the grid's filter-then-train and the trainer's monitoring use; flaggedIds() is what a filter
 * needs.
 */
package dev.poisonlab.defense;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public record ScanResult(
    String engine,
    long documents,
    long characters,
    double seconds,
    List<String> detectors,
    List<Flag> flags,
    Map<String, List<TriggerDiscovery.Candidate>> triggers,
    DetectionMetrics metrics,
    TriggerConfirmation.Summary confirmation) {

  public ScanResult {
    detectors = List.copyOf(detectors);
    flags = List.copyOf(flags);
    triggers = Map.copyOf(triggers);
  }

  /** Ids flagged by any of {@code detectorNames}. */
  public Set<String> flaggedIds(List<String> detectorNames) {
    Set<String> ids = new LinkedHashSet<>();
    for (Flag flag : flags) {
      if (detectorNames.contains(flag.detector())) {
        ids.add(flag.id());
      }
    }
    return ids;
  }

  public long flaggedCount(String detector) {
    return flags.stream().filter(flag -> flag.detector().equals(detector)).count();
  }

  public double megabytesPerSecond() {
    return seconds <= 0 ? 0 : characters / 1e6 / seconds;
  }
}
