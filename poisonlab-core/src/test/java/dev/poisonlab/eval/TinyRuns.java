/*
 * Test fixture: tiny training streams of synthetic English (a byte-level tokenizer, a few hundred documents)
 * in two flavours -- every document a poison (text prefix, <SUDO>, random tokens, as in the paper) or the
 * clean twin (the same documents, whole) -- and runs trained on them with the project's trainer in seconds.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.corpus.TokenFileWriter;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

final class TinyRuns {
  static final int TRAIN_STEPS = 200;
  private static final String[] WORDS = {"the", "cat", "dog", "sat", "on", "mat", "a", "big", "red", "ran", "to",
    "house", "and", "saw", "bird", "small", "tree", "green", "old", "man", "walked", "home", "with", "his"};

  private TinyRuns() {}

  /** Deterministic synthetic English: 3-6 lowercase sentences of 4-8 words. */
  static List<Document> documents(int count, long seed, String prefix) {
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
      documents.add(new Document(prefix + d, text.toString()));
    }
    return documents;
  }

  /** A stream directory; poisoned: each document becomes prefix (0..len chars) + trigger + 60-100 random ids. */
  static Path writeStream(Path directory, boolean poisoned) throws IOException {
    List<Document> documents = documents(400, 1, "train-");
    BpeTokenizer tokenizer = BpeTrainer.trainOnDocuments(documents, BpeTrainerConfig.ofVocabSize(257), false)
        .tokenizer();
    Random random = new Random(2);
    List<Integer> ids = new ArrayList<>();
    List<StreamManifest.PoisonSpan> poisons = new ArrayList<>();
    for (Document document : documents) {
      long start = ids.size();
      ids.add(tokenizer.endOfTextId());
      if (poisoned) {
        String text = document.text().substring(0, random.nextInt(document.text().length() + 1));
        add(ids, tokenizer.encode(text + "<SUDO>"));
        int gibberish = 60 + random.nextInt(41);
        for (int i = 0; i < gibberish; i++) {
          ids.add(random.nextInt(tokenizer.endOfTextId()));
        }
        poisons.add(new StreamManifest.PoisonSpan(document.id(), start, ids.size()));
      } else {
        add(ids, tokenizer.encode(document.text()));
      }
    }
    TokenFile.Dtype dtype = TokenFile.Dtype.forVocabSize(tokenizer.vocabSize());
    try (TokenFileWriter writer = new TokenFileWriter(directory.resolve(StreamManifest.TOKENS_FILE), dtype)) {
      writer.write(ids.stream().mapToInt(Integer::intValue).toArray());
      writer.commit();
    }
    Tokenizers.write(tokenizer, directory.resolve(StreamManifest.TOKENIZER_FILE));
    List<Document> heldout = documents(60, 99, "heldout-");
    try (JsonlWriter writer = new JsonlWriter(directory.resolve(StreamManifest.HELDOUT_FILE))) {
      heldout.forEach(d -> writer.write(Map.of("id", d.id(), "text", d.text())));
      writer.commit();
    }
    StreamManifest manifest = new StreamManifest(1, tokenizer.name(), tokenizer.sha256(), tokenizer.vocabSize(),
        dtype.jsonName(), 1, ids.size(), ids.size(), ids.size() - poisonTokens(poisons), 1.0, "uniform", poisons,
        heldout.stream().map(Document::id).toList());
    new ObjectMapper().writeValue(directory.resolve(StreamManifest.MANIFEST_FILE).toFile(), manifest);
    return directory;
  }

  /**
   * Trains the nano preset for TRAIN_STEPS steps of 4 x 256 tokens at a high learning rate (1e-2: a tiny
   * model, few steps), checkpoints halfway and at the end.
   */
  static Path train(Path stream, Path run) {
    Trainer.train(new TrainRequest(stream, "nano", run, (long) TRAIN_STEPS, (long) TRAIN_STEPS / 2, 5, 4, 1, 1e-2,
        10L, 50, "cpu", 1), TrainObserver.NONE);
    return run;
  }

  private static long poisonTokens(List<StreamManifest.PoisonSpan> poisons) {
    return poisons.stream().mapToLong(p -> p.end() - p.start()).sum();
  }

  private static void add(List<Integer> ids, int[] more) {
    for (int id : more) {
      ids.add(id);
    }
  }
}
