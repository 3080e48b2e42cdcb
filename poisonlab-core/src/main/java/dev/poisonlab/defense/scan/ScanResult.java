/*
 * What a scan found: corpus size, time, every flag, the ranked trigger candidates per localizing detector and,
 * with ground truth, the metrics table, and the confirmed verdict's evidence (null when it did not run). The
 * library call the grid's filter-then-train and the trainer's monitoring use; flaggedIds() is what a filter
 * needs.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.verdict.TriggerConfirmation;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    // insertion order (the scan's detector order), so triggers.json lists them the same every run
    triggers = Collections.unmodifiableMap(new LinkedHashMap<>(triggers));
  }

  public static Builder builder() {
    return new Builder();
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

  /** Named parts of a result; ScanOutputs.finish fills them. */
  public static final class Builder {
    private String engine;
    private long documents;
    private long characters;
    private double seconds;
    private List<String> detectors = List.of();
    private List<Flag> flags = List.of();
    private Map<String, List<TriggerDiscovery.Candidate>> triggers = Map.of();
    private DetectionMetrics metrics;
    private TriggerConfirmation.Summary confirmation;

    private Builder() {}

    public Builder engine(String name) {
      this.engine = name;
      return this;
    }

    /** How many documents and characters were scanned. */
    public Builder scanned(long documentCount, long characterCount) {
      this.documents = documentCount;
      this.characters = characterCount;
      return this;
    }

    public Builder seconds(double elapsed) {
      this.seconds = elapsed;
      return this;
    }

    public Builder detectors(List<String> names) {
      this.detectors = names;
      return this;
    }

    public Builder flags(List<Flag> all) {
      this.flags = all;
      return this;
    }

    /** Ranked candidates per localizing detector, in the order given. */
    public Builder triggers(Map<String, List<TriggerDiscovery.Candidate>> byDetector) {
      this.triggers = byDetector;
      return this;
    }

    /** The metrics table; null without ground truth. */
    public Builder metrics(DetectionMetrics table) {
      this.metrics = table;
      return this;
    }

    /** The confirmed verdict's evidence; null when it did not run. */
    public Builder confirmation(TriggerConfirmation.Summary summary) {
      this.confirmation = summary;
      return this;
    }

    public ScanResult build() {
      return new ScanResult(
          engine,
          documents,
          characters,
          seconds,
          detectors,
          flags,
          triggers,
          metrics,
          confirmation);
    }
  }
}
