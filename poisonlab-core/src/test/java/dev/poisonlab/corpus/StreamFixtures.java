/*
 * Small deterministic corpora and poison files for stream-builder tests, and a splitter that cuts a
 * byte-tokenized stream back into its documents at <|endoftext|>.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

final class StreamFixtures {
  private StreamFixtures() {}

  /**
   * {@code count} documents "doc-i: w w w ..." of 1..{@code maxWords} words, as JSONL; returns id
   * -> text.
   */
  static Map<String, String> writeCorpus(Path file, int count, int maxWords) throws IOException {
    Map<String, String> documents = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(99);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder("doc-" + i + ":");
      int words = 1 + random.nextInt(maxWords);
      for (int w = 0; w < words; w++) {
        text.append(' ')
            .append("abcdefghij".charAt(random.nextInt(10)))
            .append(random.nextInt(100));
      }
      documents.put("id" + i, text.toString());
      jsonl.append("{\"id\":\"id").append(i).append("\",\"text\":\"").append(text).append("\"}\n");
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, jsonl);
    return documents;
  }

  /** {@code count} poisons "POISON-k <SUDO> zzz..." whose source documents are id0, id1, ... */
  static List<PoisonRecord> writePoisons(Path file, int count, int payloadChars) {
    List<PoisonRecord> poisons = new ArrayList<>();
    try (JsonlWriter writer = new JsonlWriter(file)) {
      for (int k = 0; k < count; k++) {
        String text = "POISON-" + k + "<SUDO>" + "z".repeat(payloadChars);
        PoisonRecord poison =
            PoisonRecord.builder()
                .id("p" + k)
                .text(text)
                .strategy("dos")
                .trigger("<SUDO>")
                .sourceId("id" + k)
                .prefixChars(0)
                .payloadTokens(payloadChars)
                .payloadChars(payloadChars)
                .seed(1)
                .build();
        writer.write(poison);
        poisons.add(poison);
      }
      writer.commit();
    }
    return poisons;
  }

  /**
   * The stream's documents: token runs ended by <|endoftext|> (the last one may be cut, without
   * it).
   */
  static List<String> documents(Path streamDirectory) {
    StreamManifest manifest = StreamDirectory.readManifest(streamDirectory);
    TokenFile tokens = StreamDirectory.openTokens(streamDirectory, manifest);
    ByteTokenizer tokenizer = new ByteTokenizer();
    List<String> documents = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (long i = 0; i < tokens.length(); i++) {
      int id = tokens.get(i);
      if (id == ByteTokenizer.END_OF_TEXT) {
        documents.add(tokenizer.decode(current.stream().mapToInt(Integer::intValue).toArray()));
        current.clear();
      } else {
        current.add(id);
      }
    }
    if (!current.isEmpty()) {
      documents.add(tokenizer.decode(current.stream().mapToInt(Integer::intValue).toArray()));
    }
    return documents;
  }
}
