/*
 * One way of judging a document: a score, a flag and the flagged character span. Implementations are
 * immutable and thread-safe once built (Spark runs one per task), and judge one document at a time; corpus
 * statistics they need arrive already built (see CorpusModel). Not a trainer and not a filter.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.Document;

public interface Detector {

  /** A short stable name used in outputs and on the command line, e.g. "surprisal" or "gopher". */
  String name();

  /** Judges one document. */
  Verdict inspect(Document document);
}
