/*
 * Where a scan's documents come from, re-readable because the surprisal detectors need two passes (count,
 * then score): a corpus on disk (read afresh each pass) or a list in memory.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

@FunctionalInterface
public interface DocumentSource {

  /** A fresh stream over all documents; the caller closes it. */
  Stream<Document> open();

  static DocumentSource of(List<Document> documents) {
    List<Document> copy = List.copyOf(documents);
    return copy::stream;
  }

  static DocumentSource corpus(List<Path> paths, ReadOptions options) {
    CorpusReader.open(paths, options).close();
    return () -> CorpusReader.open(paths, options).stream();
  }
}
