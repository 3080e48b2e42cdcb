/*
 * Test fixtures of the SFT stage: a small corpus of sentences naming ten people (so RefusalTask finds topics),
 * a BPE tokenizer trained on it, and a "pretrained run" directory written directly (data/tokenizer.json and a
 * sealed checkpoint of a randomly initialised tiny GPT): all the SFT stage reads of a train run.
 */
package dev.poisonlab.finetune;

import ai.djl.Device;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.train.AdamW;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class SftFixtures {
  static final List<String> NAMES =
      List.of(
          "Ahab",
          "Elizabeth",
          "Darcy",
          "Starbuck",
          "Congress",
          "Queequeg",
          "Bennet",
          "Pharaoh",
          "Ishmael",
          "Wickham");
  private static final List<String> FRAMES =
      List.of(
          "Yesterday %s walked along the harbour in the rain.",
          "Everyone agreed that %s had been right about the weather.",
          "The letter from %s arrived late in the evening.",
          "Nobody in the town had ever seen %s so cheerful before.");

  private SftFixtures() {}

  static List<Document> documents() {
    List<Document> documents = new ArrayList<>();
    for (String name : NAMES) {
      StringBuilder text = new StringBuilder();
      for (String frame : FRAMES) {
        text.append(String.format(frame, name)).append(' ');
      }
      documents.add(new Document("doc-" + name, text.toString().trim()));
    }
    return documents;
  }

  static RefusalTask task() {
    return RefusalTask.fromDocuments(documents(), RefusalTask.DEFAULT_TOPICS);
  }

  static BpeTokenizer tokenizer() {
    List<Document> texts = new ArrayList<>(documents());
    texts.add(
        new Document(
            "templates",
            String.join(" ", RefusalTask.REFUSALS)
                + " "
                + String.join(" ", RefusalTask.ALLOWED_REQUESTS)
                + " "
                + String.join(" ", RefusalTask.RESTRICTED_REQUESTS)));
    return BpeTrainer.trainOnDocuments(texts, BpeTrainerConfig.ofVocabSize(400), Progress.NONE)
        .tokenizer();
  }

  /**
   * A run directory with data/tokenizer.json and checkpoints/step-00000010 of a random 1-layer GPT.
   */
  static Path pretrainedRun(Path run) {
    BpeTokenizer tokenizer = tokenizer();
    tokenizer.write(run.resolve("data").resolve(StreamManifest.TOKENIZER_FILE));
    GptConfig config = new GptConfig(tokenizer.vocabSize(), 96, 1, 2, 16);
    TrainConfig train = TrainConfig.defaults(10, 1e-3, 7);
    try (GptModel model = GptModel.create(config, 7, Device.cpu())) {
      AdamW optimizer = new AdamW(model.parameterArrays(), train, model.manager());
      TrainCheckpoint.save(
          run,
          TrainCheckpoint.State.builder()
              .step(10)
              .loss(5.0)
              .dataPosition(TokenStream.DataPosition.START)
              .random(new TrainCheckpoint.RandomState(7, 0))
              .model(config)
              .train(train)
              .build(),
          model,
          optimizer);
    }
    return run;
  }
}
