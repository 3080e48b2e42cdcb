/*
 * The consuming end of a scan, shared by the single-process and Spark paths: takes DocumentScans in any
 * order and writes DIR/scores.jsonl (every document), DIR/flagged.jsonl (one line per flag),
 * DIR/triggers.json, with ground truth DIR/metrics.json + DIR/metrics.md, DIR/scan.json (what ran) and, with
 * the confirmed verdict, DIR/confirmed.json (its triggers and their evidence).
 * Every file is published only by finish(); closing without it (a failure) publishes nothing.
 * With no directory it only collects the ScanResult in memory.
 */
package dev.poisonlab.defense.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.verdict.CombinedVerdict;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.JsonlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ScanOutputs implements AutoCloseable {
  public static final String SCORES = "scores.jsonl";
  public static final String FLAGGED = "flagged.jsonl";
  public static final String TRIGGERS = "triggers.json";
  public static final String METRICS_JSON = "metrics.json";
  public static final String METRICS_TABLE = "metrics.md";
  public static final String SUMMARY = "scan.json";
  public static final String CONFIRMED = "confirmed.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final ScanSpec spec;
  private final List<String> names;
  private final DetectionMetrics metrics;
  private final GroundTruth truth;
  private final JsonlWriter scores;
  private final JsonlWriter flagged;
  private final List<Flag> flags = new ArrayList<>();
  private final List<Map<String, String>> windows = new ArrayList<>();
  private final List<String> background = new ArrayList<>();
  private long documents;
  private long characters;
  private TriggerConfirmation.Summary confirmation;

  public ScanOutputs(Path directory, ScanSpec spec, GroundTruth truth) {
    this.directory = directory;
    this.spec = spec;
    this.names = spec.outputs();
    this.truth = truth;
    this.metrics = truth == null ? null : new DetectionMetrics(names, truth);
    this.scores = directory == null ? null : new JsonlWriter(directory.resolve(SCORES));
    this.flagged = directory == null ? null : new JsonlWriter(directory.resolve(FLAGGED));
    names.forEach(name -> windows.add(new LinkedHashMap<>()));
  }

  public void accept(DocumentScan scan) {
    documents++;
    characters += scan.length();
    Map<String, Double> scoreByDetector = new LinkedHashMap<>();
    List<String> flaggedBy = new ArrayList<>();
    for (int d = 0; d < names.size(); d++) {
      String detector = names.get(d);
      Verdict verdict = scan.verdicts().get(d);
      scoreByDetector.put(detector, Math.round(verdict.score() * 1000) / 1000.0);
      if (verdict.flagged()) {
        flaggedBy.add(detector);
        Flag flag = Flag.of(scan.id(), detector, verdict);
        flags.add(flag);
        if (flagged != null) {
          flagged.write(flag);
        }
        if (scan.windows().get(d) != null) {
          windows.get(d).put(scan.id(), scan.windows().get(d));
        }
      }
    }
    if (scan.background() != null) {
      background.add(scan.background());
    }
    if (metrics != null) {
      metrics.accept(scan);
    }
    if (scores != null) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", scan.id());
      row.put("length", scan.length());
      row.put("scores", scoreByDetector);
      row.put("flagged", flaggedBy);
      scores.write(row);
    }
  }

  /** The corpus-level evidence of the confirmed verdict, written as DIR/confirmed.json. */
  public void confirmation(TriggerConfirmation.Summary summary) {
    this.confirmation = summary;
  }

  /** Ranks triggers, writes the summary files and publishes everything. */
  public ScanResult finish(String engine, double seconds) {
    Map<String, List<TriggerDiscovery.Candidate>> triggers = new LinkedHashMap<>();
    for (int d = 0; d < names.size(); d++) {
      String detector = names.get(d);
      if (CombinedVerdict.localizes(detector)) {
        triggers.put(detector, TriggerDiscovery.discover(windows.get(d), background));
      }
    }
    ScanResult result =
        ScanResult.builder()
            .engine(engine)
            .scanned(documents, characters)
            .seconds(seconds)
            .detectors(names)
            .flags(flags)
            .triggers(triggers)
            .metrics(metrics)
            .confirmation(confirmation)
            .build();
    if (directory != null) {
      writeJson(TRIGGERS, triggersJson(result));
      if (confirmation != null) {
        writeJson(CONFIRMED, confirmation);
      }
      if (metrics != null) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("truth", truth.source().toString());
        table.put("missing_poisons", metrics.missingPoisons());
        table.put("target_fpr", DetectionMetrics.TARGET_FPR);
        table.put("rows", metrics.rows());
        writeJson(METRICS_JSON, table);
        AtomicFiles.writeString(directory.resolve(METRICS_TABLE), metrics.markdown());
      }
      writeJson(SUMMARY, summary(result));
      scores.commit();
      flagged.commit();
    }
    return result;
  }

  private Map<String, Object> triggersJson(ScanResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    result
        .triggers()
        .forEach(
            (detector, candidates) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("flagged_documents", result.flaggedCount(detector));
              entry.put("background_windows", background.size());
              entry.put("candidates", candidates);
              json.put(detector, entry);
            });
    return json;
  }

  private Map<String, Object> summary(ScanResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("engine", result.engine());
    json.put("documents", result.documents());
    json.put("characters", result.characters());
    json.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
    json.put("spec", spec);
    Map<String, Long> counts = new LinkedHashMap<>();
    names.forEach(detector -> counts.put(detector, result.flaggedCount(detector)));
    json.put("flagged", counts);
    return json;
  }

  private void writeJson(String name, Object value) {
    AtomicFiles.write(directory.resolve(name), out -> JSON.writeValue(out, value));
  }

  @Override
  public void close() {
    if (scores != null) {
      scores.close();
      flagged.close();
    }
  }
}
