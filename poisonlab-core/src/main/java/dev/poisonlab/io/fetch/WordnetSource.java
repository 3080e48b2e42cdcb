/*
 * WordNet 3.0 glosses from Debian wordnet-base: usr/share/wordnet/data.{noun,verb,adj,adv}, one document
 * per synset, "<words>: <gloss>" (underscores to spaces, adjective markers like "(a)" dropped), kept when
 * at least 20 characters. Ids "wn:<pos>:<offset>". Very short documents: useful as filler, not as prose.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class WordnetSource implements CorpusSource {
  static final String DIRECTORY = "usr/share/wordnet";
  static final int MINIMUM_CHARACTERS = 20;
  private static final List<String> PARTS_OF_SPEECH = List.of("noun", "verb", "adj", "adv");

  @Override
  public String name() {
    return "wordnet";
  }

  @Override
  public String origin() {
    return "Debian wordnet-base, " + DIRECTORY + "/data.{noun,verb,adj,adv}";
  }

  @Override
  public List<CleanedFile> fetch(PackageClient client, Path scratch) throws IOException {
    Path root = client.debianPackage("wordnet-base", scratch);
    return List.of(new CleanedFile("pretrain", name(), clean(root.resolve(DIRECTORY))));
  }

  static List<Document> clean(Path directory) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (String partOfSpeech : PARTS_OF_SPEECH) {
      Path file = directory.resolve("data." + partOfSpeech);
      if (!Files.exists(file)) {
        throw new SourceUnavailableException("missing " + file);
      }
      for (String line : CleanText.readUtf8(file).split("\n")) {
        if (line.isEmpty() || line.startsWith("  ")) {
          continue;
        }
        int bar = line.indexOf(" | ");
        String head = bar < 0 ? line : line.substring(0, bar);
        String gloss = bar < 0 ? "" : CleanText.strip(line.substring(bar + 3));
        String[] fields = head.trim().split("\\s+");
        int wordCount = Integer.parseInt(fields[3], 16);
        List<String> words = new ArrayList<>(wordCount);
        for (int i = 0; i < wordCount; i++) {
          words.add(fields[4 + 2 * i].replace('_', ' ').replaceFirst("\\((a|p|ip)\\)$", ""));
        }
        String text = String.join(", ", words) + ": " + gloss;
        if (text.length() >= MINIMUM_CHARACTERS) {
          documents.add(new Document("wn:" + partOfSpeech + ":" + fields[0], text));
        }
      }
    }
    return documents;
  }
}
