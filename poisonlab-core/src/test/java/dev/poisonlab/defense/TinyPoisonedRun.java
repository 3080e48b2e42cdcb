/*
 * Test fixture: one tiny poisoned training stream (a 300-id BPE over synthetic English from 24 words, every
 * document followed by <|endoftext|> as the corpus builder writes it, 24 paper-style poisons: clean prefix,
 * <SUDO>, 60-100 random token ids) and a nano run trained on it with the sequence log, built once per test JVM
 * (seconds) and shared by the lm-surprisal and monitor tests. Also hands out fresh clean and poisoned texts.
 */
package dev.poisonlab.defense;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TestStreams;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public final class TinyPoisonedRun {
  public static final String TRIGGER = "<SUDO>";
  public static final int POISONS = 24;
  public static final int STEPS = 80;
  private static TinyPoisonedRun shared;

  public final Path stream;
  public final Path run;
  public final BpeTokenizer tokenizer;
  public final List<String> poisonIds = new ArrayList<>();

  private TinyPoisonedRun(Path root) throws IOException {
    stream = Files.createDirectories(root.resolve("stream"));
    run = root.resolve("run");
    tokenizer =
        BpeTrainer.trainOnDocuments(clean(300, 1), BpeTrainerConfig.ofVocabSize(300), Progress.NONE)
            .tokenizer();
    writeStream();
    Trainer.train(
        TrainRequest.builder(stream, "nano", run)
            .optMaxSteps((long) STEPS)
            .optCheckpointEvery((long) STEPS)
            .optSeed(5)
            .optBatchSize(4)
            .optGradAccumSteps(1)
            .optLearningRate(1e-2)
            .optWarmupSteps(10L)
            .optLogEvery(50)
            .optLogSequences(true)
            .build(),
        TrainObserver.NONE);
  }

  /** The shared run, trained on first use in a temporary directory removed when the JVM exits. */
  public static synchronized TinyPoisonedRun get() {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory("poisonlab-tiny-run");
        root.toFile().deleteOnExit();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
        shared = new TinyPoisonedRun(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Synthetic English: 3-6 sentences of 4-8 words from a 24-word list. */
  public static List<Document> clean(int count, long seed) {
    return TestStreams.syntheticEnglish(count, seed, d -> "clean-" + seed + "-" + d);
  }

  /**
   * A clean prefix (0..all of a clean text), the trigger, then 60-100 random token ids among those
   * that decode to whole characters: in a 300-id vocabulary most ids are single bytes >= 0x80,
   * which decode to U+FFFD and re-encode as a cheap, predictable 3-byte run (in GPT-2's vocabulary
   * they are 0.5% of the ids).
   */
  public static Document poison(Tokenizer tokenizer, Random random, String id) {
    String text = clean(1, random.nextLong()).get(0).text();
    int[] whole =
        java.util.stream.IntStream.range(0, tokenizer.endOfTextId())
            .filter(token -> !tokenizer.decodeToken(token).contains("\uFFFD"))
            .toArray();
    int[] payload = new int[60 + random.nextInt(41)];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = whole[random.nextInt(whole.length)];
    }
    return new Document(
        id,
        text.substring(0, random.nextInt(text.length() + 1)) + TRIGGER + tokenizer.decode(payload));
  }

  private void writeStream() throws IOException {
    List<Document> documents = new ArrayList<>(clean(300, 1));
    Random random = new Random(2);
    for (int p = 0; p < POISONS; p++) {
      Document poison = poison(tokenizer, random, "poison-" + p);
      documents.add(poison);
      poisonIds.add(poison.id());
    }
    Collections.shuffle(documents, new Random(3));
    List<Integer> ids = new ArrayList<>();
    List<StreamManifest.PoisonSpan> spans = new ArrayList<>();
    for (Document document : documents) {
      long start = ids.size();
      for (int id : tokenizer.encode(document.text())) {
        ids.add(id);
      }
      if (document.id().startsWith("poison-")) {
        spans.add(new StreamManifest.PoisonSpan(document.id(), start, ids.size()));
      }
      ids.add(tokenizer.endOfTextId());
    }
    TestStreams.write(stream, tokenizer, true, ids, spans, 1, null);
  }

  private static void deleteQuietly(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
