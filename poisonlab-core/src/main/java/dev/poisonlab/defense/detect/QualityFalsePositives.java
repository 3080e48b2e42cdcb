/*
 * How often the quality-rule baselines (gopher, c4, fineweb) flag clean text, per source file: documents,
 * flagged, false-positive rate and the rule that fires first (datatrove reports that one rule), most common
 * first; plus an "any" row, what the grid's `quality` defence drops. Every input document is taken as clean.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.CorpusFiles;
import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.EmbeddedCorpus;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class QualityFalsePositives {
  public static final List<String> DETECTORS =
      List.of(GopherQualityDetector.NAME, C4QualityDetector.NAME, FineWebQualityDetector.NAME);

  /**
   * The row of documents flagged by at least one detector: the grid's `quality` defence drops
   * exactly these (NamedDefenses). Its firstRules count the detectors that fired, e.g. "gopher+c4".
   */
  public static final String ANY = "any";

  private QualityFalsePositives() {}

  /**
   * One source file under one detector; firstRules counts the first failed rule of each flagged
   * document (for the ANY row: the set of detectors that flagged it).
   */
  public record Row(
      String source, String detector, long documents, long flagged, Map<String, Long> firstRules) {
    public double falsePositiveRate() {
      return documents == 0 ? 0 : flagged / (double) documents;
    }

    /**
     * The first rule that fired most often, with its share of flagged documents; "-" when none
     * fired.
     */
    public String topRule() {
      return firstRules.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(e -> e.getKey() + " (" + Math.round(100.0 * e.getValue() / flagged) + "%)")
          .orElse("-");
    }
  }

  public record Report(List<Row> rows, long documents) {}

  /** Reads each corpus file once and judges every document with each quality detector. */
  public static Report measure(List<Path> paths, ReadOptions options) {
    List<Row> rows = new ArrayList<>();
    long total = 0;
    List<Detector> detectors =
        List.of(new GopherQualityDetector(), new C4QualityDetector(), new FineWebQualityDetector());
    for (Path file : CorpusFiles.resolve(paths)) {
      List<Row> fileRows = measure(file, options, detectors);
      total += fileRows.get(0).documents();
      rows.addAll(fileRows);
    }
    return new Report(List.copyOf(rows), total);
  }

  /** One file's rows: one per detector, then the ANY row. */
  private static List<Row> measure(Path file, ReadOptions options, List<Detector> detectors) {
    long[] flagged = new long[detectors.size()];
    List<Map<String, Long>> rules = new ArrayList<>();
    detectors.forEach(d -> rules.add(new LinkedHashMap<>()));
    long documents = 0;
    long flaggedByAny = 0;
    Map<String, Long> detectorSets = new LinkedHashMap<>();
    try (CorpusReader reader = CorpusReader.open(List.of(file), options)) {
      for (Document document : reader) {
        documents++;
        List<String> fired = new ArrayList<>();
        for (int d = 0; d < detectors.size(); d++) {
          Verdict verdict = detectors.get(d).inspect(document);
          if (verdict.flagged()) {
            flagged[d]++;
            rules.get(d).merge(firstRule(verdict.reason()), 1L, Long::sum);
            fired.add(detectors.get(d).name());
          }
        }
        if (!fired.isEmpty()) {
          flaggedByAny++;
          detectorSets.merge(String.join("+", fired), 1L, Long::sum);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < detectors.size(); d++) {
      rows.add(
          new Row(
              sourceName(file),
              detectors.get(d).name(),
              documents,
              flagged[d],
              sorted(rules.get(d))));
    }
    rows.add(new Row(sourceName(file), ANY, documents, flaggedByAny, sorted(detectorSets)));
    return rows;
  }

  static String firstRule(String reason) {
    int comma = reason.indexOf(',');
    return comma < 0 ? reason : reason.substring(0, comma);
  }

  /**
   * "pretrain/austen" for .../pretrain/austen.jsonl.gz (the file says which source or style it
   * holds), and "embedded/train" for the shipped corpus, whose cache folder is a content hash that
   * says nothing.
   */
  static String sourceName(Path file) {
    String name =
        file.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.[^.]+$", "");
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || parent.getFileName() == null) {
      return name;
    }
    boolean embedded = parent.startsWith(EmbeddedCorpus.defaultCacheRoot().toAbsolutePath());
    return (embedded ? CorpusPaths.EMBEDDED : parent.getFileName().toString()) + "/" + name;
  }

  private static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
