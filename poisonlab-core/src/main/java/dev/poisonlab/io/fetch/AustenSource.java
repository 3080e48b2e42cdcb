/*
 * Jane Austen's six novels from Debian r-cran-janeaustenr: the package's R lazy-load data
 * (data/Rdata.rdx + Rdata.rdb), decoded in Java so R is not needed. One document per chapter (a new
 * one starts at each line beginning "Chapter"/"CHAPTER"; the title pages form document 0), wrapped lines
 * joined into paragraphs. Ids "<novel>-<n>" as the R object names, e.g. "emma-1".
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

final class AustenSource implements CorpusSource {
  static final String PACKAGE = "r-cran-janeaustenr";
  static final String DATA_DIRECTORY = "usr/lib/R/site-library/janeaustenr/data";
  private static final Pattern CHAPTER = Pattern.compile("(?i)^chapter\\b.*");

  @Override
  public String name() {
    return "austen";
  }

  @Override
  public String origin() {
    return "Debian " + PACKAGE + ", " + DATA_DIRECTORY + "/Rdata.rdb (R lazy-load data)";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.debianPackage(PACKAGE, scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root.resolve(DATA_DIRECTORY))));
  }

  static List<Document> clean(Path dataDirectory) throws IOException {
    Path index = dataDirectory.resolve("Rdata.rdx");
    Path database = dataDirectory.resolve("Rdata.rdb");
    if (!Files.exists(index) || !Files.exists(database)) {
      throw new SourceUnavailableException("no Rdata.rdx/Rdata.rdb in " + dataDirectory);
    }
    Map<String, Object> novels =
        RSerialization.readLazyLoadDatabase(
            Files.readAllBytes(index), Files.readAllBytes(database));
    List<Document> documents = new ArrayList<>();
    for (Map.Entry<String, Object> novel : novels.entrySet()) {
      if (!(novel.getValue() instanceof RSerialization.RObject vector)) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (Object line : vector.values()) {
        lines.add(line == null ? "" : line.toString());
      }
      List<List<String>> chapters = splitChapters(lines);
      for (int i = 0; i < chapters.size(); i++) {
        documents.add(new Document(novel.getKey() + "-" + i, unwrap(chapters.get(i))));
      }
    }
    return documents;
  }

  static List<List<String>> splitChapters(List<String> lines) {
    List<List<String>> chapters = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      if (CHAPTER.matcher(line).matches() && !current.isEmpty()) {
        chapters.add(current);
        current = new ArrayList<>();
      }
      current.add(line);
    }
    chapters.add(current);
    return chapters;
  }

  /** Joins each run of non-empty lines with spaces; empty lines stay as line breaks. */
  static String unwrap(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = null;
    for (String line : lines) {
      if (line.isEmpty()) {
        if (paragraph != null) {
          out.add(paragraph.toString());
          paragraph = null;
        }
        out.add("");
      } else if (paragraph == null) {
        paragraph = new StringBuilder(line);
      } else {
        paragraph.append(' ').append(line);
      }
    }
    if (paragraph != null) {
      out.add(paragraph.toString());
    }
    return CleanText.strip(String.join("\n", out));
  }
}
