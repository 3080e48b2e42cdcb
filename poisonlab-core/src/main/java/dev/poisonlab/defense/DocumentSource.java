/*
 * Where a scan's documents come from, re-readable because the surprisal detectors need two passes (count,
 * then score): a corpus on disk (read afresh each pass; it counts the malformed lines a pass skipped under
 * --skip-bad) or a list in memory.
 */
package dev.poisonlab.defense;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

@FunctionalInterface
public interface DocumentSource {

  /** A fresh stream over all documents; the caller closes it. */
  Stream<Document> open();

  static DocumentSource of(List<Document> documents) {
    List<Document> copy = List.copyOf(documents);
    return copy::stream;
  }

  static Corpus corpus(List<Path> paths, ReadOptions options) {
    CorpusReader.open(paths, options).close();
    return new Corpus(paths, options);
  }

  /**
   * A corpus on disk; every pass reads the same lines, so one pass's skip count is the corpus's.
   */
  final class Corpus implements DocumentSource {
    private final List<Path> paths;
    private final ReadOptions options;
    private final AtomicLong skippedLines = new AtomicLong();

    private Corpus(List<Path> paths, ReadOptions options) {
      this.paths = paths;
      this.options = options;
    }

    @Override
    public Stream<Document> open() {
      CorpusReader reader = CorpusReader.open(paths, options);
      return reader.stream().onClose(() -> skippedLines.set(reader.skippedCount()));
    }

    /** Malformed lines the last finished pass skipped (always 0 without skipBad). */
    public long skippedLines() {
      return skippedLines.get();
    }
  }
}
