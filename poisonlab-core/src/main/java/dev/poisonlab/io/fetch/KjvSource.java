/*
 * The King James Bible from Debian bible-kjv (the `bible` program) + bible-kjv-text (its data): both
 * .debs are extracted into scratch and the program runs from there with `-p` pointing at the data, so
 * nothing is installed. Output of `bible -l0 Gen1:1-Rev22:21` becomes one document per chapter,
 * verses joined by spaces; ids "kjv:<Book> <chapter>". Needs a Linux x86-64 host (the binary is native).
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class KjvSource implements CorpusSource {
  private static final Pattern VERSE = Pattern.compile("^  (\\d+) (.*)$");

  @Override
  public String name() {
    return "kjv";
  }

  @Override
  public String origin() {
    return "Debian bible-kjv + bible-kjv-text, `bible -l0 Gen1:1-Rev22:21`";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.debianPackage("bible-kjv", scratch);
    client.debianPackage("bible-kjv-text", scratch);
    Path program = root.resolve("usr/bin/bible");
    Path data = root.resolve("usr/lib");
    if (!Files.exists(program) || !Files.exists(data.resolve("bible.data"))) {
      throw new SourceUnavailableException(
          "bible-kjv packages lack usr/bin/bible or usr/lib/bible.data");
    }
    String output =
        client.run(
            List.of(program.toString(), "-p", data.toString(), "-l0", "Gen1:1-Rev22:21"),
            scratch,
            Map.of());
    return List.of(new CleanedFile("pretrain", name(), parse(output)));
  }

  /** Parses the program's pretty-printed output: a "Book N" line, then " V text" lines. */
  static List<Document> parse(String output) throws SourceUnavailableException {
    List<Document> documents = new ArrayList<>();
    String chapter = null;
    List<String> verses = new ArrayList<>();
    for (String line : output.split("\n", -1)) {
      Matcher verse = VERSE.matcher(line);
      if (verse.matches()) {
        verses.add(verse.group(2));
      } else if (!line.isBlank()) {
        if (chapter != null) {
          documents.add(new Document("kjv:" + chapter, String.join(" ", verses)));
        }
        chapter = line.strip();
        verses = new ArrayList<>();
      }
    }
    if (chapter == null) {
      throw new SourceUnavailableException("`bible` printed no chapters");
    }
    documents.add(new Document("kjv:" + chapter, String.join(" ", verses)));
    return documents;
  }
}
