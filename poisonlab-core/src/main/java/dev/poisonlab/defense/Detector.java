/*
 * One way of judging a document: a score, a flag and the flagged character span. Implementations are
 * built once per thread (Spark runs one set per task) and judge one document at a time, or a batch when that
 * is cheaper (a language model scores many documents per forward pass); corpus statistics they need arrive
 * already built (see CorpusModel). close() frees what a detector holds (a model's native memory).
 * Not a trainer and not a filter.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;

public interface Detector extends AutoCloseable {

  /** A short stable name used in outputs and on the command line, e.g. "surprisal" or "gopher". */
  String name();

  /** Judges one document. */
  Verdict inspect(Document document);

  /**
   * Judges documents in order, one verdict each; override when a batch is cheaper than one at a
   * time.
   */
  default List<Verdict> inspectAll(List<Document> documents) {
    List<Verdict> verdicts = new ArrayList<>(documents.size());
    for (Document document : documents) {
      verdicts.add(inspect(document));
    }
    return verdicts;
  }

  @Override
  default void close() {}

  /**
   * Whether this verdict counts towards the "combined" verdict (when the detector localizes): its
   * flag.
   */
  default boolean countsForCombined(Verdict verdict) {
    return verdict.flagged();
  }

  /**
   * Whether this verdict's span is a candidate change point for the corpus-level "confirmed"
   * verdict (TriggerConfirmation): by default its flag; a change-point detector with a candidate
   * level below its flag threshold also offers the span of an unflagged verdict that reaches it.
   */
  default boolean offersChangePoint(Verdict verdict) {
    return verdict.flagged();
  }
}
