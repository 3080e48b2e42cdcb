/*
 * An SFT run directory and its parent: resolves the pretrained checkpoint (--checkpoint STEP or the newest),
 * writes data/tokenizer.json (the parent's plus the chat tokens) and config.json on first use, refuses a
 * rerun with other settings, and gives the model training starts from. Same layout as a train run
 * (config.json, data/, metrics.jsonl, checkpoints/step-N), so checkpoint readers work on it unchanged.
 */
package dev.poisonlab.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

public final class SftRunDirectory {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final Path parentCheckpoint;
  private final SftRunConfig config;
  private final Tokenizer tokenizer;

  private SftRunDirectory(
      Path directory, Path parentCheckpoint, SftRunConfig config, Tokenizer tokenizer) {
    this.directory = directory;
    this.parentCheckpoint = parentCheckpoint;
    this.config = config;
    this.tokenizer = tokenizer;
  }

  /** Prepares (or re-opens) {@code request}'s run directory; the caller holds its lock. */
  static SftRunDirectory prepare(SftRequest request) {
    Path checkpoint = parentCheckpoint(request.pretrainedRun(), request.checkpointStep());
    TrainCheckpoint.verifyForReading(checkpoint);
    Path parentTokenizer =
        request
            .pretrainedRun()
            .resolve(Trainer.DATA_DIRECTORY)
            .resolve(StreamManifest.TOKENIZER_FILE);
    if (!(Tokenizers.load(parentTokenizer) instanceof BpeTokenizer base)) {
      throw new InputException(
          parentTokenizer,
          0,
          "fine-tuning needs a BPE tokenizer.json run (added special"
              + " tokens are a tokenizer.json feature), not a built-in tokenizer");
    }
    byte[] extended = ChatTemplate.extend(base.definition(), base.vocabSize(), parentTokenizer);
    SftRunConfig config =
        new SftRunConfig(
            SftRunConfig.STAGE,
            new SftRunConfig.Parent(
                checkpoint.toAbsolutePath().toString(),
                TrainCheckpoint.readState(checkpoint).step(),
                sha256(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE))),
            GptCheckpoint.readConfig(checkpoint)
                .withVocabSize(base.vocabSize() + ChatTemplate.SPECIAL_TOKENS.size()),
            HexFormat.of().formatHex(digest().digest(extended)),
            request.config());
    Path dir = request.runDirectory();
    Path tokenizerFile = dir.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.TOKENIZER_FILE);
    writeOrCheck(dir, config, tokenizerFile, extended);
    Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
    ChatTemplate.specialIds(tokenizer); // each chat token is one id, or fail before training
    return new SftRunDirectory(dir, checkpoint, config, tokenizer);
  }

  private static void writeOrCheck(
      Path dir, SftRunConfig config, Path tokenizerFile, byte[] extended) {
    Path configFile = dir.resolve(Trainer.CONFIG_FILE);
    try {
      if (Files.exists(configFile)) {
        SftRunConfig existing = JSON.readValue(configFile.toFile(), SftRunConfig.class);
        if (!existing.sameRunAs(config)) {
          throw new InputException(
              configFile,
              0,
              "this SFT run was started with other settings or another"
                  + " parent; repeat the original options to resume, or choose a new --out");
        }
        return;
      }
      if (!isEmpty(dir)) {
        throw new InputException(
            dir,
            0,
            "exists, is not empty and has no " + Trainer.CONFIG_FILE + "; choose a new --out");
      }
      AtomicFiles.write(tokenizerFile, out -> out.write(extended));
      AtomicFiles.writeString(configFile, JSON.writeValueAsString(config) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare SFT run directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path parentCheckpoint(Path run, Long step) {
    if (step != null) {
      Path directory = TrainCheckpoint.directoryFor(run, step);
      if (!Files.isDirectory(directory)) {
        throw new InputException(directory, 0, "no such checkpoint in the pretrained run");
      }
      return directory;
    }
    return TrainCheckpoint.latest(run)
        .orElseThrow(
            () -> new InputException(run, 0, "has no checkpoints (is it a train run directory?)"));
  }

  /**
   * Sets {@code target} (the grown shape) to the parent's weights grown by the chat tokens (new
   * rows: the mean embedding): the start of a run with no usable checkpoint.
   */
  void initialiseFromParent(GptModel target, Device device) {
    try (GptModel parent = GptCheckpoint.load(parentCheckpoint, device)) {
      EmbeddingGrowth.copyInto(parent, target);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(entry -> entry.getFileName().toString().startsWith("."));
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(digest().digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  public Path directory() {
    return directory;
  }

  public SftRunConfig config() {
    return config;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }
}
