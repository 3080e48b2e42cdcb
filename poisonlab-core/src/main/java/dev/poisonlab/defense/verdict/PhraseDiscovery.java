/*
 * Corpus-level trigger discovery with no known trigger and no flagged spans: word phrases of 3-5 words whose
 * document frequency is far above a first-order Markov chain of their word pairs, G = 2 o ln(o / e) with
 * o = df(w1..wn), e = df(w1 w2) x prod df(wi wi+1) / df(wi), weighted by how spread their left neighbours
 * are (entropy / log2 of the occurrences: 1 when every occurrence follows a different word). A trigger pasted
 * at random places is a fixed phrase with random left context; natural set phrases ("and it came to pass")
 * score high too, so the top of the list is candidates to read, not verdicts. Two passes over the documents
 * (counts, then candidates); exact 64-bit keyed counts (UnitCounts). Not a detector: it flags no document.
 */
package dev.poisonlab.defense.verdict;

import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.detect.UnitCounts;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public final class PhraseDiscovery {
  public static final int MIN_WORDS = 3;
  public static final int MAX_WORDS = 5;

  /**
   * Fewer documents than this cannot be a poisoning campaign worth reporting (the paper's smallest:
   * 100).
   */
  public static final int DEFAULT_MIN_DOCUMENTS = 20;

  private static final int IDS_KEPT = 10;
  private static final long START = TextUnits.mix(0x57a27L);

  /**
   * One ranked phrase: its words, document frequency, chain expectation, G, left spread, score,
   * some ids.
   */
  public record Candidate(
      String phrase,
      int documents,
      double expected,
      double g,
      double leftSpread,
      double score,
      List<String> ids) {}

  private final int minDocuments;
  private final UnitCounts documentFrequency = new UnitCounts(16);
  private final TextUnits buffer = new TextUnits();
  private final Map<Long, Building> candidates = new HashMap<>();
  private long documents;

  public PhraseDiscovery(int minDocuments) {
    if (minDocuments < 2) {
      throw new IllegalArgumentException("min documents must be >= 2, got " + minDocuments);
    }
    this.minDocuments = minDocuments;
  }

  /**
   * Both passes over {@code corpus} (read twice); the {@code limit} best phrases in at least
   * minDocuments.
   */
  public static List<Candidate> run(
      List<Path> corpus, ReadOptions options, int minDocuments, int limit) {
    PhraseDiscovery discovery = new PhraseDiscovery(minDocuments);
    try (CorpusReader reader = CorpusReader.open(corpus, options)) {
      reader.forEach(discovery::count);
    }
    try (CorpusReader reader = CorpusReader.open(corpus, options)) {
      reader.forEach(discovery::collect);
    }
    return discovery.ranked(limit);
  }

  /** First pass: counts the documents holding each 1..5-word sequence (once per document). */
  public void count(Document document) {
    long[] words = words(document.text(), null);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < words.length; i++) {
      long key = 0;
      for (int n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
        key = extend(key, words[i + n - 1], n);
        if (seen.add(key)) {
          documentFrequency.increment(key, 1);
        }
      }
    }
    documents++;
  }

  /**
   * Second pass (same documents, after every count): collects the phrases above their expectation.
   */
  public void collect(Document document) {
    List<int[]> spans = new ArrayList<>();
    long[] words = words(document.text(), spans);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < words.length; i++) {
      long key = 0;
      for (int n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
        key = extend(key, words[i + n - 1], n);
        if (n < MIN_WORDS || !seen.add(key)) {
          continue;
        }
        int observed = documentFrequency.get(key);
        if (observed < minDocuments) {
          break; // a longer phrase is in no more documents than this one
        }
        double expected = expected(words, i, n);
        if (observed <= expected) {
          continue;
        }
        Building candidate = candidates.get(key);
        if (candidate == null) {
          String phrase = document.text().substring(spans.get(i)[0], spans.get(i + n - 1)[1]);
          candidate =
              new Building(
                  phrase.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), observed, expected);
          candidates.put(key, candidate);
        }
        candidate.left.merge(i == 0 ? START : words[i - 1], 1, Integer::sum);
        if (candidate.ids.size() < IDS_KEPT) {
          candidate.ids.add(document.id());
        }
      }
    }
  }

  /** The {@code limit} best candidates by score (G x left spread), best first. */
  public List<Candidate> ranked(int limit) {
    List<Candidate> out = new ArrayList<>();
    for (Building b : candidates.values()) {
      double g = 2 * b.observed * Math.log(b.observed / b.expected);
      double spread = leftSpread(b.left);
      out.add(
          new Candidate(
              b.phrase, b.observed, b.expected, g, spread, g * spread, List.copyOf(b.ids)));
    }
    out.sort(
        Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::phrase));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  public long documents() {
    return documents;
  }

  /**
   * df(w1 w2) x prod over inner words of df(wi wi+1) / df(wi): a first-order chain of document
   * frequencies.
   */
  private double expected(long[] words, int first, int n) {
    double e = documentFrequency.get(pair(words[first], words[first + 1]));
    for (int j = first + 1; j < first + n - 1; j++) {
      e *=
          documentFrequency.get(pair(words[j], words[j + 1]))
              / (double) documentFrequency.get(extend(0, words[j], 1));
    }
    return e;
  }

  private static long pair(long a, long b) {
    return extend(extend(0, a, 1), b, 2);
  }

  private static long extend(long key, long word, int n) {
    return TextUnits.mix(key * 0x9E3779B97F4A7C15L + word + n);
  }

  /**
   * Entropy of the left neighbours over log2 of their total: 1 when no neighbour repeats, 0 for
   * one.
   */
  static double leftSpread(Map<Long, Integer> left) {
    int total = left.values().stream().mapToInt(Integer::intValue).sum();
    if (total < 2) {
      return 0;
    }
    double entropy = 0;
    for (int count : left.values()) {
      double p = count / (double) total;
      entropy -= p * Math.log(p);
    }
    return entropy / Math.log(total);
  }

  /**
   * Hashes of the word units (runs of letters or digits, case-folded; symbols skipped) of {@code
   * text}.
   */
  private long[] words(String text, List<int[]> spans) {
    int count = buffer.segment(text);
    long[] hashes = new long[count];
    int words = 0;
    for (int u = 0; u < count; u++) {
      if (Character.isLetterOrDigit(text.codePointAt(buffer.start(u)))) {
        hashes[words++] = buffer.hash(u);
        if (spans != null) {
          spans.add(new int[] {buffer.start(u), buffer.end(u)});
        }
      }
    }
    return java.util.Arrays.copyOf(hashes, words);
  }

  private static final class Building {
    final String phrase;
    final int observed;
    final double expected;
    final Map<Long, Integer> left = new HashMap<>();
    final List<String> ids = new ArrayList<>();

    Building(String phrase, int observed, double expected) {
      this.phrase = phrase;
      this.observed = observed;
      this.expected = expected;
    }
  }
}
