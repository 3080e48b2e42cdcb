/*
 * What TrainingMonitor found in one run: the log's size, the documents and poisons it saw, the suspects (best
 * first), trigger candidates, the metrics against the manifest (null when it lists no poisons), and poisons
 * first trained on per tenth of the run with how many were flagged. Only values: MonitorReport writes them.
 */
package dev.poisonlab.defense.monitor;

import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import java.nio.file.Path;
import java.util.List;

public record MonitorResult(
    Path run,
    long sequences,
    long steps,
    long streamDocuments,
    int documentsSeen,
    int manifestPoisons,
    int poisonsSeen,
    List<Suspect> suspects,
    List<TriggerDiscovery.Candidate> triggers,
    DetectionMetrics metrics,
    List<ProgressRow> byProgress,
    TrainingMonitor.Settings settings) {

  /**
   * Poisons first trained on in one tenth of the run ([from, to) of max_steps), and how many were
   * flagged.
   */
  public record ProgressRow(double from, double to, int poisons, int flagged) {}

  public long flaggedCount() {
    return suspects.stream().filter(Suspect::flagged).count();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Named parts, filled by SightingTally and TrainingMonitor. */
  public static final class Builder {
    private Path run;
    private long sequences;
    private long steps;
    private long streamDocuments;
    private int documentsSeen;
    private int manifestPoisons;
    private int poisonsSeen;
    private List<Suspect> suspects;
    private List<TriggerDiscovery.Candidate> triggers;
    private DetectionMetrics metrics;
    private List<ProgressRow> byProgress;
    private TrainingMonitor.Settings settings;

    private Builder() {}

    public Builder run(Path value) {
      this.run = value;
      return this;
    }

    public Builder sequences(long value) {
      this.sequences = value;
      return this;
    }

    public Builder steps(long value) {
      this.steps = value;
      return this;
    }

    public Builder streamDocuments(long value) {
      this.streamDocuments = value;
      return this;
    }

    public Builder documentsSeen(int value) {
      this.documentsSeen = value;
      return this;
    }

    public Builder manifestPoisons(int value) {
      this.manifestPoisons = value;
      return this;
    }

    public Builder poisonsSeen(int value) {
      this.poisonsSeen = value;
      return this;
    }

    public Builder suspects(List<Suspect> value) {
      this.suspects = value;
      return this;
    }

    public Builder triggers(List<TriggerDiscovery.Candidate> value) {
      this.triggers = value;
      return this;
    }

    public Builder metrics(DetectionMetrics value) {
      this.metrics = value;
      return this;
    }

    public Builder byProgress(List<ProgressRow> value) {
      this.byProgress = value;
      return this;
    }

    public Builder settings(TrainingMonitor.Settings value) {
      this.settings = value;
      return this;
    }

    public MonitorResult build() {
      return new MonitorResult(
          run,
          sequences,
          steps,
          streamDocuments,
          documentsSeen,
          manifestPoisons,
          poisonsSeen,
          suspects,
          triggers,
          metrics,
          byProgress,
          settings);
    }
  }
}
