/*
 * Filter-then-train: the defender's view of a stream build's inputs. The clean corpus and the poisons are
 * scanned together as one corpus (Scanner, ground truth = the poison ids, so the scan's metrics say what the
 * filter caught), then the flags of the chosen detectors are applied (CorpusFilter: drop the document, or cut
 * the flagged span) to both lists. writeInputs() puts the survivors where `corpus build` (BuildConfig) reads
 * them. In memory: meant for the grid's corpora (tens of MB), not for web-scale ones (use scan + filter).
 */
package dev.poisonlab.defense.filter;

import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.defense.scan.Flag;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.poison.PoisonFile;
import dev.poisonlab.poison.PoisonRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class FilterThenTrain {
  public static final String CLEAN_FILE = "clean.jsonl.gz";
  public static final String POISONS_FILE = "poisons.jsonl";

  /** What to scan with and whose flags to apply, how. */
  public record Defense(ScanSpec spec, List<String> apply, CorpusFilter.Mode mode) {
    public Defense {
      if (spec == null || mode == null) {
        throw new IllegalArgumentException("defense: spec and mode are required");
      }
      apply = List.copyOf(apply == null || apply.isEmpty() ? spec.detectors() : apply);
      for (String detector : apply) {
        if (!spec.outputs().contains(detector)) {
          throw new IllegalArgumentException(
              "defense.apply: '"
                  + detector
                  + "' is not among the scanned detectors "
                  + spec.outputs());
        }
      }
    }

    /**
     * The project's recommendation: the model-free surprisal detector, flagged documents dropped.
     */
    public static Defense surprisalDrop() {
      return new Defense(
          ScanSpec.of(List.of(SurprisalDetector.NAME)),
          List.of(SurprisalDetector.NAME),
          CorpusFilter.Mode.DROP);
    }
  }

  /**
   * Survivors of the filter and what it did; cut poisons keep their record with the text shortened.
   */
  public record Result(
      List<Document> clean,
      List<PoisonRecord> poisons,
      ScanResult scan,
      long cleanDropped,
      long cleanCut,
      long poisonsDropped,
      long poisonsCut) {}

  /** The two files writeInputs() made, for BuildConfig's corpus and poisons. */
  public record Inputs(Path corpus, Path poisons) {}

  private FilterThenTrain() {}

  /** Reads the corpus and the poisons file (null = no poisons), scans and filters them. */
  public static Result filter(
      List<Path> corpus, ReadOptions options, Path poisonsFile, Defense defense) {
    List<Document> clean = CorpusReader.readAll(corpus, options);
    List<PoisonRecord> poisons = poisonsFile == null ? List.of() : PoisonFile.read(poisonsFile);
    return filter(clean, poisons, defense);
  }

  public static Result filter(List<Document> clean, List<PoisonRecord> poisons, Defense defense) {
    Set<String> cleanIds = new HashSet<>();
    clean.forEach(document -> cleanIds.add(document.id()));
    Map<String, String> strategies = new LinkedHashMap<>();
    List<Document> all = new ArrayList<>(clean);
    for (PoisonRecord poison : poisons) {
      if (cleanIds.contains(poison.id())) {
        throw new IllegalArgumentException(
            "poison id '" + poison.id() + "' is also a clean document id");
      }
      strategies.put(
          poison.id(),
          poison.strategy() == null ? GroundTruth.UNKNOWN_STRATEGY : poison.strategy());
      all.add(new Document(poison.id(), poison.text()));
    }
    GroundTruth truth =
        strategies.isEmpty() ? null : new GroundTruth(Path.of("poisons"), strategies);
    ScanResult scan = Scanner.scan(all, defense.spec(), truth);
    Map<String, List<int[]>> spans = new HashMap<>();
    for (Flag flag : scan.flags()) {
      if (defense.apply().contains(flag.detector())) {
        spans
            .computeIfAbsent(flag.id(), id -> new ArrayList<>())
            .add(new int[] {flag.spanStart(), flag.spanEnd()});
      }
    }
    List<Document> keptClean = new ArrayList<>();
    long[] cleanCounts = new long[2];
    for (Document document : clean) {
      keep(document, spans, defense.mode(), cleanCounts).ifPresent(keptClean::add);
    }
    List<PoisonRecord> keptPoisons = new ArrayList<>();
    long[] poisonCounts = new long[2];
    for (PoisonRecord poison : poisons) {
      keep(new Document(poison.id(), poison.text()), spans, defense.mode(), poisonCounts)
          .ifPresent(kept -> keptPoisons.add(poison.withText(kept.text())));
    }
    return new Result(
        keptClean,
        keptPoisons,
        scan,
        cleanCounts[0],
        cleanCounts[1],
        poisonCounts[0],
        poisonCounts[1]);
  }

  /** counts[0] += dropped, counts[1] += cut. */
  private static Optional<Document> keep(
      Document document, Map<String, List<int[]>> spans, CorpusFilter.Mode mode, long[] counts) {
    List<int[]> flagged = spans.get(document.id());
    Optional<Document> kept = CorpusFilter.keep(document, flagged, mode);
    if (kept.isEmpty()) {
      counts[0]++;
    } else if (flagged != null) {
      counts[1]++;
    }
    return kept;
  }

  /** Writes DIR/clean.jsonl.gz and DIR/poisons.jsonl (atomically) for `corpus build`. */
  public static Inputs writeInputs(Result result, Path directory) {
    Path corpus = directory.resolve(CLEAN_FILE);
    Path poisons = directory.resolve(POISONS_FILE);
    try (JsonlWriter writer = new JsonlWriter(corpus)) {
      result.clean().forEach(writer::write);
      writer.commit();
    }
    try (JsonlWriter writer = new JsonlWriter(poisons)) {
      result.poisons().forEach(writer::write);
      writer.commit();
    }
    return new Inputs(corpus, poisons);
  }
}
