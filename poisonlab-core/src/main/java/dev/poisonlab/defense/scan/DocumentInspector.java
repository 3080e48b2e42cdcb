/*
 * Runs a scan's detectors over one document at a time and packs a DocumentScan: trigger-discovery windows,
 * "combined" last when the spec combines, candidate change points when it confirms. Background windows are
 * sampled by a hash of the document id (not by position), so the single-process and Spark paths sample the
 * same documents. One instance per thread; close it to free what its detectors hold (a language model).
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.verdict.CombinedVerdict;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;

public final class DocumentInspector implements AutoCloseable {
  private final ScanSpec spec;
  private final List<Detector> detectors;
  private final double backgroundRate;

  /**
   * {@code documents} is the corpus size (from the counting pass, or 0 when unknown: then no
   * sampling).
   */
  public DocumentInspector(ScanSpec spec, CorpusModel model, long documents) {
    this.spec = spec;
    this.detectors = spec.build(model);
    this.backgroundRate =
        documents <= 0 ? 0 : Math.min(1.0, spec.backgroundWindows() / (double) documents);
  }

  public DocumentScan inspect(Document document) {
    return inspectAll(List.of(document)).get(0);
  }

  /** Scans of {@code documents} in order; each detector sees the whole batch at once. */
  public List<DocumentScan> inspectAll(List<Document> documents) {
    List<List<Verdict>> byDetector = new ArrayList<>(detectors.size());
    for (Detector detector : detectors) {
      byDetector.add(detector.inspectAll(documents));
    }
    List<DocumentScan> scans = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      String text = document.text();
      List<Verdict> verdicts = new ArrayList<>(detectors.size());
      List<String> windows = new ArrayList<>(detectors.size());
      List<Verdict> counted = new ArrayList<>(detectors.size());
      List<DocumentScan.ChangePoint> changePoints = new ArrayList<>();
      for (int d = 0; d < detectors.size(); d++) {
        Verdict verdict = byDetector.get(d).get(i);
        if (spec.confirms()) {
          addChangePoint(changePoints, detectors.get(d), verdict, text);
        }
        verdicts.add(verdict);
        counted.add(
            detectors.get(d).countsForCombined(verdict) ? verdict : Verdict.clean(verdict.score()));
        boolean locates = verdict.flagged() && CombinedVerdict.localizes(detectors.get(d).name());
        windows.add(locates ? window(text, verdict.spanStart()) : null);
      }
      if (spec.combines()) {
        Verdict combined = CombinedVerdict.of(spec.detectors(), counted);
        verdicts.add(combined);
        windows.add(combined.flagged() ? window(text, combined.spanStart()) : null);
      }
      scans.add(
          new DocumentScan(
              document.id(), text.length(), verdicts, windows, background(document), changePoints));
    }
    return scans;
  }

  /** Adds the detector's candidate change point, unless one at the same start is there. */
  private void addChangePoint(
      List<DocumentScan.ChangePoint> points, Detector detector, Verdict verdict, String text) {
    ConfirmedSettings settings = spec.confirmed();
    int start = verdict.spanStart();
    if (!CombinedVerdict.localizes(detector.name())
        || !detector.offersChangePoint(verdict)
        || verdict.spanEnd() - start < settings.minSpanChars()) {
      return;
    }
    for (int p = 0; p < points.size(); p++) {
      DocumentScan.ChangePoint point = points.get(p);
      if (point.start() == start) {
        if (verdict.spanEnd() > point.end()) {
          points.set(
              p,
              new DocumentScan.ChangePoint(
                  start, verdict.spanEnd(), point.windowStart(), point.window()));
        }
        return;
      }
    }
    int from = Math.max(0, start - settings.windowBefore());
    int to = Math.min(text.length(), start + settings.windowAfter());
    points.add(
        new DocumentScan.ChangePoint(start, verdict.spanEnd(), from, text.substring(from, to)));
  }

  @Override
  public void close() {
    detectors.forEach(Detector::close);
  }

  private String background(Document document) {
    String text = document.text();
    if (backgroundRate <= 0 || text.isEmpty()) {
      return null;
    }
    long hash = TextUnits.mix(TextUnits.stableHash(document.id()));
    double draw = (hash >>> 11) * 0x1.0p-53;
    if (draw >= backgroundRate) {
      return null;
    }
    int position = (int) Math.floorMod(TextUnits.mix(hash), (long) text.length());
    return window(text, position);
  }

  private String window(String text, int at) {
    int from = Math.max(0, at - spec.windowBefore());
    int to = Math.min(text.length(), at + spec.windowAfter());
    return text.substring(from, to);
  }
}
