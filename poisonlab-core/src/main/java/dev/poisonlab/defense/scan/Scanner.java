/*
 * The single-process scan: a counting pass builds the CorpusModel, a second pass inspects every document (one
 * thread, input order, batches of BATCH for language models) and hands the DocumentScans to ScanOutputs; with
 * the confirmed verdict they wait in a ScanSpool while TriggerConfirmation reads the corpus a third time.
 * Progress goes through io.Progress. The Spark path (ScanEngine) runs the first two passes.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    if (!spec.confirms()) {
      inspectPass(source, spec, model, outputs::accept, progress);
    } else {
      TriggerConfirmation confirmation = new TriggerConfirmation(spec.confirmed());
      try (ScanSpool spool = new ScanSpool()) {
        inspectPass(
            source,
            spec,
            model,
            scan -> {
              confirmation.add(scan);
              spool.add(scan);
            },
            progress);
        outputs.confirmation(confirmation.confirm(source, progress));
        spool.replay(
            scan ->
                outputs.accept(
                    confirmation.withVerdict(scan, spec.windowBefore(), spec.windowAfter())));
      }
    }
    return outputs.finish("single-process", (System.nanoTime() - started) / 1e9);
  }

  private static void inspectPass(
      DocumentSource source,
      ScanSpec spec,
      CorpusModel model,
      Consumer<DocumentScan> consumer,
      Progress progress) {
    long documents = model == null ? 0 : model.documents();
    try (DocumentInspector inspector = new DocumentInspector(spec, model, documents);
        Stream<Document> stream = source.open();
        Progress.Task bar = progress.start("scan", documents > 0 ? documents : -1, "docs")) {
      List<Document> batch = new ArrayList<>(BATCH);
      Runnable flush =
          () -> {
            inspector.inspectAll(batch).forEach(consumer);
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
