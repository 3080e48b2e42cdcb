/*
 * Test fixture: tiny training streams of synthetic English (a byte-level tokenizer, a few hundred documents)
 * in two flavours -- every document a poison (text prefix, <SUDO>, random tokens, as in the paper) or the
 * clean twin (the same documents, whole) -- and runs trained on them with the project's trainer in seconds.
 * Public for the experiment tests (rescore) that lay these runs out as a grid.
 */
package dev.poisonlab.eval;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TestStreams;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public final class TinyRuns {
  public static final int TRAIN_STEPS = 200;

  private TinyRuns() {}

  static List<Document> documents(int count, long seed, String prefix) {
    return TestStreams.syntheticEnglish(count, seed, d -> prefix + d);
  }

  /**
   * A stream directory; poisoned: each document becomes prefix (0..len chars) + trigger + 60-100
   * random ids.
   */
  public static Path writeStream(Path directory, boolean poisoned) throws IOException {
    return writeStream(directory, poisoned, 257);
  }

  /**
   * The same with a BPE of {@code vocabSize}: 257 is bytes plus end-of-text (no merge, so every
   * text has one tokenization); more adds merges, another tokenizer by its hash.
   */
  public static Path writeStream(Path directory, boolean poisoned, int vocabSize)
      throws IOException {
    List<Document> documents = documents(400, 1, "train-");
    BpeTokenizer tokenizer =
        BpeTrainer.trainOnDocuments(
                documents, BpeTrainerConfig.ofVocabSize(vocabSize), Progress.NONE)
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
    return TestStreams.write(
        directory, tokenizer, true, ids, poisons, 1, documents(60, 99, "heldout-"));
  }

  /**
   * Trains the nano preset for TRAIN_STEPS steps of 4 x 256 tokens at a high learning rate (1e-2: a
   * tiny model, few steps), checkpoints halfway and at the end.
   */
  public static Path train(Path stream, Path run) {
    return train(stream, run, TRAIN_STEPS, 1e-2);
  }

  /**
   * {@code steps} steps at peak {@code learningRate}: one step at 1e-9 keeps the random
   * initialisation (an untrained model that still is a run directory).
   */
  public static Path train(Path stream, Path run, int steps, double learningRate) {
    Trainer.train(
        TrainRequest.builder(stream, "nano", run)
            .optMaxSteps((long) steps)
            .optCheckpointEvery((long) Math.max(1, steps / 2))
            .optSeed(5)
            .optBatchSize(4)
            .optGradAccumSteps(1)
            .optLearningRate(learningRate)
            .optWarmupSteps(Math.min(10L, steps - 1L))
            .optLogEvery(50)
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
