/*
 * Foreign-language passages for the language-switch payload: by default 400 German Europarl passages shipped
 * in the jar (see scripts/make-foreign-passages.sh for their provenance), or any corpus the user gives.
 * Not a language detector: a user-given corpus is trusted to be in the language they want.
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.ReadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

public final class ForeignText {
  public static final String EMBEDDED_GERMAN = "/dev/poisonlab/poison/europarl-de.txt.gz";

  private ForeignText() {}

  /** The shipped German passages, one per line, in file order. */
  public static List<String> embeddedGerman() {
    InputStream resource = ForeignText.class.getResourceAsStream(EMBEDDED_GERMAN);
    if (resource == null) {
      throw new IllegalStateException("resource " + EMBEDDED_GERMAN + " is missing from the jar");
    }
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EMBEDDED_GERMAN + ": " + e.getMessage(), e);
    }
  }

  /** Passages from a user corpus (JSONL/text files or directories), one per non-blank document. */
  public static List<String> fromCorpus(List<Path> paths, ReadOptions options) {
    List<String> passages =
        CorpusReader.readAll(paths, options).stream()
            .map(Document::text)
            .filter(t -> !t.isBlank())
            .toList();
    if (passages.isEmpty()) {
      throw new InputException(
          paths.get(0), 0, "foreign-language corpus holds no non-blank documents");
    }
    return passages;
  }
}
