/*
 * The BSD fortune collection from Debian fortunes: every plain file in usr/share/games/fortunes (not the
 * .dat indexes or .u8 links), split on "\n%\n". Non-empty fortunes are numbered per file and kept when at
 * least 20 characters; ids "fortune:<file>:<n>". Offensive fortunes are a separate package, not fetched.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

final class FortunesSource implements CorpusSource {
  static final String DIRECTORY = "usr/share/games/fortunes";
  static final int MINIMUM_CHARACTERS = 20;

  @Override
  public String name() {
    return "fortunes";
  }

  @Override
  public String origin() {
    return "Debian fortunes, " + DIRECTORY + "/*";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.debianPackage("fortunes", scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root.resolve(DIRECTORY))));
  }

  static List<Document> clean(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(path -> !path.getFileName().toString().contains("."))
              .filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .sorted(java.util.Comparator.comparing(path -> path.getFileName().toString()))
              .toList();
    }
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      int index = 0;
      for (String part : CleanText.readUtf8(file).split("\n%\n", -1)) {
        String fortune = CleanText.strip(part);
        if (fortune.isEmpty()) {
          continue;
        }
        if (fortune.length() >= MINIMUM_CHARACTERS) {
          documents.add(new Document("fortune:" + name + ":" + index, fortune));
        }
        index++;
      }
    }
    if (documents.isEmpty()) {
      throw new SourceUnavailableException("no fortune files in " + directory);
    }
    return documents;
  }
}
