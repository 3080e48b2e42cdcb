/*
 * The single-process scan: a counting pass builds the CorpusModel (only when a surprisal detector runs), a
 * second pass inspects every document and hands the DocumentScans to ScanOutputs. One thread, documents in
 * input order, handed to the detectors in batches of BATCH (a language model scores a batch per forward
 * pass); progress goes through io.Progress (the CLI draws it). The Spark path (ScanEngine) runs the same two
 * passes.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

public final class Scanner {
  static final int BATCH = 256;

  private Scanner() {}

  /** In memory, no files: the call for filter-then-train and tests. */
  public static ScanResult scan(List<Document> documents, ScanSpec spec, GroundTruth truth) {
    try (ScanOutputs outputs = new ScanOutputs(null, spec, truth)) {
      return scan(DocumentSource.of(documents), spec, outputs, Progress.NONE);
    }
  }

  public static ScanResult scan(
      DocumentSource source, ScanSpec spec, ScanOutputs outputs, Progress progress) {
    long started = System.nanoTime();
    CorpusModel model = spec.needsCorpusModel() ? countPass(source, spec, progress) : null;
    long documents = model == null ? 0 : model.documents();
    try (DocumentInspector inspector = new DocumentInspector(spec, model, documents);
        Stream<Document> stream = source.open();
        Progress.Task bar = progress.start("scan", documents > 0 ? documents : -1, "docs")) {
      List<Document> batch = new ArrayList<>(BATCH);
      Runnable flush =
          () -> {
            inspector.inspectAll(batch).forEach(outputs::accept);
            bar.stepBy(batch.size());
            batch.clear();
          };
      stream.forEach(
          document -> {
            batch.add(document);
            if (batch.size() == BATCH) {
              flush.run();
            }
          });
      flush.run();
    }
    return outputs.finish("single-process", (System.nanoTime() - started) / 1e9);
  }

  /** Builds the corpus statistics the surprisal detectors score against. */
  public static CorpusModel countPass(DocumentSource source, ScanSpec spec, Progress progress) {
    CorpusModel model = spec.newCorpusModel();
    TextUnits buffer = new TextUnits();
    try (Stream<Document> stream = source.open();
        Progress.Task bar = progress.start("count", -1, "docs")) {
      stream.forEach(
          document -> {
            model.add(document.text(), buffer);
            bar.step();
          });
    }
    return model;
  }
}
