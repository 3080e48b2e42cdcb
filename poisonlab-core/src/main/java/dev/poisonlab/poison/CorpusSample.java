/*
 * A deterministic sample of the clean corpus for the adaptive payload strategies (unigram frequencies, real
 * words, real sentences): documents whose id hashes into 1 of 50 buckets (about 2%, spread over all files),
 * or, for small corpora where that gives fewer than 100 documents, every document; at most 4M characters.
 * For the topic strategy, every document that mentions the topic instead (at most 4M characters).
 */
package dev.poisonlab.poison;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

final class CorpusSample {
  private static final int BUCKETS = 50;
  private static final int MIN_DOCUMENTS = 100;
  private static final long MAX_CHARS = 4_000_000;

  private CorpusSample() {}

  static List<String> texts(List<Path> corpus, ReadOptions options) {
    List<String> sampled = new ArrayList<>();
    List<String> all = new ArrayList<>();
    long sampledChars = 0;
    long allChars = 0;
    try (CorpusReader reader = CorpusReader.open(corpus, options)) {
      for (Document document : reader) {
        if (Math.floorMod(document.id().hashCode(), BUCKETS) == 0 && sampledChars < MAX_CHARS) {
          sampled.add(document.text());
          sampledChars += document.text().length();
        }
        if (allChars < MAX_CHARS) {
          all.add(document.text());
          allChars += document.text().length();
        }
      }
    }
    List<String> texts = sampled.size() >= MIN_DOCUMENTS ? sampled : all;
    if (texts.isEmpty()) {
      throw new InputException(corpus.get(0), 0, "corpus holds no text to sample payloads from");
    }
    return texts;
  }

  /**
   * The documents of {@code corpus} in which {@code topic} finds a match, in corpus order, at most
   * 4M chars.
   */
  static List<String> textsMentioning(List<Path> corpus, ReadOptions options, Pattern topic) {
    List<String> found = new ArrayList<>();
    long chars = 0;
    try (CorpusReader reader = CorpusReader.open(corpus, options)) {
      for (Document document : reader) {
        if (chars >= MAX_CHARS) {
          break;
        }
        if (topic.matcher(document.text()).find()) {
          found.add(document.text());
          chars += document.text().length();
        }
      }
    }
    if (found.isEmpty()) {
      throw new InputException(
          corpus.get(0), 0, "no document of the corpus mentions the topic " + topic.pattern());
    }
    return found;
  }
}
