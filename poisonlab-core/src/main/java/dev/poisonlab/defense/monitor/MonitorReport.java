/*
 * Writes a TrainingMonitor result to a directory: suspects.jsonl (every flagged document ranked by score, then
 * the UNFLAGGED_SHOWN highest below the threshold, to judge the margin), triggers.json, monitor.json (what was
 * read and found) and, when the run's manifest names poisons, metrics.json + metrics.md (the scan's table
 * format; poisons the run never trained on are reported as missing). Each file is written atomically.
 */
package dev.poisonlab.defense.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.JsonlWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

public final class MonitorReport {
  public static final String SUSPECTS = "suspects.jsonl";
  public static final String TRIGGERS = "triggers.json";
  public static final String SUMMARY = "monitor.json";
  static final int UNFLAGGED_SHOWN = 100;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private MonitorReport() {}

  public static void write(MonitorResult result, Path directory) {
    try (JsonlWriter suspects = new JsonlWriter(directory.resolve(SUSPECTS))) {
      int unflagged = 0;
      for (Suspect suspect : result.suspects()) {
        if (!suspect.flagged() && unflagged++ >= UNFLAGGED_SHOWN) {
          break;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", suspect.id());
        row.put("score", suspect.score());
        row.put("flagged", suspect.flagged());
        row.put("poison", suspect.poison());
        row.put("step", suspect.step());
        row.put("span", java.util.List.of(suspect.spanStart(), suspect.spanEnd()));
        row.put("mean_excess_bits", suspect.meanExcessBits());
        row.put("sightings", suspect.sightings());
        row.put("excerpt", suspect.excerpt());
        suspects.write(row);
      }
      suspects.commit();
    }
    Map<String, Object> triggers = new LinkedHashMap<>();
    triggers.put("flagged_documents", result.flaggedCount());
    triggers.put("candidates", result.triggers());
    writeJson(directory.resolve(TRIGGERS), triggers);
    if (result.metrics() != null) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("truth", "manifest poisons of " + result.run());
      table.put("poisons_never_trained_on", result.metrics().missingPoisons());
      table.put("target_fpr", DetectionMetrics.TARGET_FPR);
      table.put("rows", result.metrics().rows());
      writeJson(directory.resolve(ScanOutputs.METRICS_JSON), table);
      AtomicFiles.writeString(
          directory.resolve(ScanOutputs.METRICS_TABLE), result.metrics().markdown());
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run", result.run().toString());
    summary.put("sequences", result.sequences());
    summary.put("steps", result.steps());
    summary.put("stream_documents", result.streamDocuments());
    summary.put("documents_seen", result.documentsSeen());
    summary.put("manifest_poisons", result.manifestPoisons());
    summary.put("poisons_seen", result.poisonsSeen());
    summary.put("flagged", result.flaggedCount());
    summary.put("poisons_by_training_progress", result.byProgress());
    summary.put("settings", result.settings());
    writeJson(directory.resolve(SUMMARY), summary);
  }

  private static void writeJson(Path file, Object value) {
    AtomicFiles.write(file, out -> JSON.writeValue(out, value));
  }
}
