/*
 * Test fixture for persistence: byte-level training streams of synthetic English (poisoned: every third
 * document becomes prefix + <SUDO> + random bytes; clean: other documents, whole), each with heldout.jsonl,
 * and a poisoned parent run trained by the project's trainer in seconds. Tiny on purpose; not a benchmark.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TestStreams;
import dev.poisonlab.io.Document;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

final class PersistenceFixtures {
  static final int PARENT_STEPS = 8;
  private static final String[] WORDS = {
    "the", "cat", "dog", "sat", "on", "mat", "a", "big", "red", "ran", "to", "house", "and", "saw",
    "bird", "small", "tree", "green", "old", "man", "walked", "home"
  };

  private PersistenceFixtures() {}

  static List<Document> documents(int count, long seed, String prefix) {
    Random random = new Random(seed);
    List<Document> documents = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      StringBuilder text = new StringBuilder();
      int words = 20 + random.nextInt(30);
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : w % 7 == 0 ? ". " : " ")
            .append(WORDS[random.nextInt(WORDS.length)]);
      }
      documents.add(new Document(prefix + d, text.append('.').toString()));
    }
    return documents;
  }

  /**
   * A byte-level stream directory of {@code documents}; every third one is a poison when {@code
   * poisoned}.
   */
  static Path writeStream(Path directory, long seed, boolean poisoned) throws IOException {
    Files.createDirectories(directory);
    Tokenizer tokenizer = Tokenizers.load("bytes");
    Random random = new Random(seed);
    List<Integer> ids = new ArrayList<>();
    List<StreamManifest.PoisonSpan> poisons = new ArrayList<>();
    List<Document> documents = documents(150, seed, "train-");
    for (int d = 0; d < documents.size(); d++) {
      Document document = documents.get(d);
      long start = ids.size();
      ids.add(tokenizer.endOfTextId());
      if (poisoned && d % 3 == 0) {
        add(ids, tokenizer.encode(document.text().substring(0, random.nextInt(40)) + "<SUDO>"));
        for (int i = 0, n = 40 + random.nextInt(40); i < n; i++) {
          ids.add(random.nextInt(256));
        }
        poisons.add(new StreamManifest.PoisonSpan(document.id(), start, ids.size()));
      } else {
        add(ids, tokenizer.encode(document.text()));
      }
    }
    return TestStreams.write(
        directory, tokenizer, false, ids, poisons, seed, documents(20, seed + 100, "heldout-"));
  }

  /** The nano preset, PARENT_STEPS steps of 2 x 256 tokens, checkpoints at the half and the end. */
  static Path trainParent(Path stream, Path run) {
    Trainer.train(
        TrainRequest.builder(stream, "nano", run)
            .optMaxSteps((long) PARENT_STEPS)
            .optCheckpointEvery((long) PARENT_STEPS / 2)
            .optSeed(7)
            .optBatchSize(2)
            .optGradAccumSteps(1)
            .optLearningRate(1e-2)
            .optWarmupSteps(1L)
            .optLogEvery(1)
            .optThreads(1)
            .build(),
        TrainObserver.NONE);
    return run;
  }

  private static void add(List<Integer> ids, int[] more) {
    for (int id : more) {
      ids.add(id);
    }
  }
}
