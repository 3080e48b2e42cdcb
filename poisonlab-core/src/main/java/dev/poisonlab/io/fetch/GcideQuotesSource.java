/*
 * Literary quotations from the GNU Collaborative International Dictionary of English (Debian dict-gcide,
 * usr/share/dictd/gcide.dict.dz, gzip-compatible): in each blank-line-separated block, the leading run
 * of lines indented 12+ spaces, when followed by nothing or a "[1913 Webster]"-style marker, is one
 * quotation (whitespace collapsed; kept with 8+ words). Ids "gcide:<n>". An approximation of the
 * reference corpus's rule: ~98.6% of its texts are reproduced, ids differ.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

final class GcideQuotesSource implements CorpusSource {
  static final String FILE = "usr/share/dictd/gcide.dict.dz";
  static final int MINIMUM_INDENT = 12;
  static final int MINIMUM_WORDS = 8;
  private static final Pattern BLOCK_SEPARATOR = Pattern.compile("\n[ \t]*\n");
  private static final Pattern MARKER_LINE = Pattern.compile("^\\s*\\[[^\\]]*\\]\\s*$");
  private static final Pattern MARKER_START = Pattern.compile("^\\s*\\[[^\\]]*\\].*");

  @Override
  public String name() {
    return "gcide_quotes";
  }

  @Override
  public String origin() {
    return "Debian dict-gcide, " + FILE + " (gzip)";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.debianPackage("dict-gcide", scratch);
    Path file = root.resolve(FILE);
    if (!Files.exists(file)) {
      throw new SourceUnavailableException("dict-gcide lacks " + FILE);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return List.of(
          new CleanedFile("pretrain", name(), clean(CleanText.decodeUtf8(in.readAllBytes()))));
    }
  }

  static List<Document> clean(String dictionary) {
    List<Document> documents = new ArrayList<>();
    int index = 0;
    for (String block : BLOCK_SEPARATOR.split(dictionary)) {
      String[] lines = block.split("\n", -1);
      List<String> quotation = new ArrayList<>();
      int next = 0;
      while (next < lines.length
          && !lines[next].isBlank()
          && indent(lines[next]) >= MINIMUM_INDENT
          && !MARKER_LINE.matcher(lines[next]).matches()) {
        quotation.add(lines[next].trim().replaceAll("\\s+", " "));
        next++;
      }
      String rest = null;
      for (int i = next; i < lines.length && rest == null; i++) {
        if (!lines[i].isBlank()) {
          rest = lines[i];
        }
      }
      if (quotation.isEmpty() || (rest != null && !MARKER_START.matcher(rest).matches())) {
        continue;
      }
      String text = String.join(" ", quotation);
      if (text.split(" ").length >= MINIMUM_WORDS) {
        documents.add(new Document("gcide:" + index, text));
      }
      index++;
    }
    return documents;
  }

  private static int indent(String line) {
    int spaces = 0;
    while (spaces < line.length() && line.charAt(spaces) == ' ') {
      spaces++;
    }
    return spaces;
  }
}
