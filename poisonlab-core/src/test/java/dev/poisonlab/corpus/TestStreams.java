/*
 * Test fixture shared by the eval, defense and experiment tests: synthetic English documents and a stream
 * directory written by hand from token ids (tokens.bin, manifest.json, and optionally tokenizer.json and
 * heldout.jsonl), for tests that need exact control over where poisons lie. Not the stream builder.
 */
package dev.poisonlab.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

public final class TestStreams {
  private static final String[] WORDS = {
    "the", "cat", "dog", "sat", "on", "mat", "a", "big", "red", "ran", "to", "house", "and", "saw",
    "bird", "small", "tree", "green", "old", "man", "walked", "home", "with", "his"
  };

  private TestStreams() {}

  /** Deterministic synthetic English: 3-6 lowercase sentences of 4-8 words from a 24-word list. */
  public static List<Document> syntheticEnglish(int count, long seed, IntFunction<String> id) {
    Random random = new Random(seed);
    List<Document> documents = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      StringBuilder text = new StringBuilder();
      int sentences = 3 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        int words = 4 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
          text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.append(s + 1 < sentences ? ". " : ".");
      }
      documents.add(new Document(id.apply(d), text.toString()));
    }
    return documents;
  }

  /**
   * Writes {@code ids} as a stream directory: tokens.bin, manifest.json (seed, the poison spans,
   * held-out ids), tokenizer.json when {@code copyTokenizer}, heldout.jsonl when {@code heldout} is
   * not null.
   */
  public static Path write(
      Path directory,
      Tokenizer tokenizer,
      boolean copyTokenizer,
      List<Integer> ids,
      List<StreamManifest.PoisonSpan> poisons,
      long seed,
      List<Document> heldout)
      throws IOException {
    TokenFile.Dtype dtype = TokenFile.Dtype.forVocabSize(tokenizer.vocabSize());
    try (TokenFileWriter writer =
        new TokenFileWriter(directory.resolve(StreamManifest.TOKENS_FILE), dtype)) {
      writer.write(ids.stream().mapToInt(Integer::intValue).toArray());
      writer.commit();
    }
    if (copyTokenizer) {
      Tokenizers.write(tokenizer, directory.resolve(StreamManifest.TOKENIZER_FILE));
    }
    if (heldout != null) {
      try (JsonlWriter writer = new JsonlWriter(directory.resolve(StreamManifest.HELDOUT_FILE))) {
        heldout.forEach(d -> writer.write(Map.of("id", d.id(), "text", d.text())));
        writer.commit();
      }
    }
    long poisonTokens = poisons.stream().mapToLong(p -> p.end() - p.start()).sum();
    StreamManifest manifest =
        StreamManifest.builder()
            .formatVersion(1)
            .tokenizerName(tokenizer.name())
            .tokenizerSha256(tokenizer.sha256())
            .vocabSize(tokenizer.vocabSize())
            .tokenDtype(dtype.jsonName())
            .seed(seed)
            .budgetTokens(ids.size())
            .totalTokens(ids.size())
            .cleanTokens(ids.size() - poisonTokens)
            .epochs(1.0)
            .placement("uniform")
            .poisons(poisons)
            .heldoutIds(heldout == null ? List.of() : heldout.stream().map(Document::id).toList())
            .build();
    new ObjectMapper()
        .writeValue(directory.resolve(StreamManifest.MANIFEST_FILE).toFile(), manifest);
    return directory;
  }
}
