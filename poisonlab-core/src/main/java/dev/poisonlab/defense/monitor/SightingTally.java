/*
 * Turns each document's best sighting (LossPass) into what the monitor reports: a suspect when it scored above
 * zero, a flag at minExcess, a trigger-discovery window at each flagged change point and background windows at
 * hash-chosen places, the metrics row against the manifest, and poisons by training progress. Takes the
 * documents in the pass's order; reads no log and decides no threshold of its own.
 */
package dev.poisonlab.defense.monitor;

import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class SightingTally {
  private final StreamDocuments documents;
  private final Tokenizer tokenizer;
  private final TrainingMonitor.Settings settings;
  private final long maxSteps;
  private final DetectionMetrics metrics;
  private final double backgroundRate;
  private final List<Suspect> suspects = new ArrayList<>();
  private final Map<String, String> flaggedWindows = new LinkedHashMap<>();
  private final List<String> background = new ArrayList<>();
  private final int[][] progress = new int[10][2];
  private int poisonsSeen;

  /**
   * {@code metrics}: null without poisons in the manifest; {@code seen}: how many documents the
   * pass saw (background windows are sampled among them).
   */
  SightingTally(
      StreamDocuments documents,
      Tokenizer tokenizer,
      TrainingMonitor.Settings settings,
      long maxSteps,
      DetectionMetrics metrics,
      int seen) {
    this.documents = documents;
    this.tokenizer = tokenizer;
    this.settings = settings;
    this.maxSteps = maxSteps;
    this.metrics = metrics;
    this.backgroundRate = TrainingMonitor.BACKGROUND_WINDOWS / (double) Math.max(1, seen);
  }

  void add(int index, LossPass.Sighting best) {
    String id = documents.id(index);
    boolean poison = documents.poison(index) != null;
    boolean flagged = best.score >= settings.minExcess();
    if (poison) {
      countPoison(best, flagged);
    }
    long start = documents.start(index);
    if (metrics != null) {
      metrics.accept(scan(index, id, best, flagged, start));
    }
    if (flagged) {
      flaggedWindows.put(
          id,
          decode(
              index,
              best.spanStart - TrainingMonitor.WINDOW_BEFORE,
              best.spanStart + TrainingMonitor.WINDOW_AFTER));
    }
    sampleBackground(index, id, start);
    if (best.score > 0) {
      suspects.add(suspect(index, id, poison, flagged, best));
    }
  }

  private void countPoison(LossPass.Sighting best, boolean flagged) {
    poisonsSeen++;
    int tenth = (int) Math.min(9, Math.max(0, (best.firstStep - 1) * 10 / maxSteps));
    progress[tenth][0]++;
    progress[tenth][1] += flagged ? 1 : 0;
  }

  /** The document as a one-detector scan, for the metrics table. */
  private DocumentScan scan(
      int index, String id, LossPass.Sighting best, boolean flagged, long start) {
    Verdict verdict =
        flagged
            ? new Verdict(
                best.score, true, (int) (best.spanStart - start), (int) (best.spanEnd - start), "")
            : Verdict.clean(best.score);
    return new DocumentScan(
        id,
        (int) (documents.end(index) - start),
        List.of(verdict),
        Collections.singletonList(null),
        null);
  }

  /** A background window at a hash-chosen place of a hash-chosen document. */
  private void sampleBackground(int index, String id, long start) {
    long hash = TextUnits.mix(TextUnits.stableHash(id));
    if ((hash >>> 11) * 0x1.0p-53 < backgroundRate) {
      long length = documents.end(index) - start;
      long at = start + (length == 0 ? 0 : Math.floorMod(TextUnits.mix(hash), length));
      background.add(
          decode(index, at - TrainingMonitor.WINDOW_BEFORE, at + TrainingMonitor.WINDOW_AFTER));
    }
  }

  private Suspect suspect(
      int index, String id, boolean poison, boolean flagged, LossPass.Sighting best) {
    return Suspect.builder()
        .id(id)
        .poison(poison)
        .score(round(best.score))
        .flagged(flagged)
        .step(best.step)
        .spanStart(best.spanStart)
        .spanEnd(best.spanEnd)
        .meanExcessBits(
            round(best.score / Math.max(1, best.spanEnd - best.spanStart) + settings.marginBits()))
        .sightings(best.sightings)
        .excerpt(decode(index, best.spanStart - TrainingMonitor.WINDOW_BEFORE, best.spanStart + 24))
        .build();
  }

  /** Suspects, highest score first (ties by id). */
  List<Suspect> suspects() {
    List<Suspect> sorted = new ArrayList<>(suspects);
    sorted.sort(Comparator.comparingDouble(Suspect::score).reversed().thenComparing(Suspect::id));
    return sorted;
  }

  List<TriggerDiscovery.Candidate> triggers() {
    return TriggerDiscovery.discover(flaggedWindows, background);
  }

  List<MonitorResult.ProgressRow> byProgress() {
    List<MonitorResult.ProgressRow> rows = new ArrayList<>();
    for (int tenth = 0; tenth < 10; tenth++) {
      rows.add(
          new MonitorResult.ProgressRow(
              tenth / 10.0, (tenth + 1) / 10.0, progress[tenth][0], progress[tenth][1]));
    }
    return rows;
  }

  DetectionMetrics metrics() {
    return metrics;
  }

  int poisonsSeen() {
    return poisonsSeen;
  }

  private String decode(int index, long from, long to) {
    return tokenizer.decode(documents.read(index, from, to));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
