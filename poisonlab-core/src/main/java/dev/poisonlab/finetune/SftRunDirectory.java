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
import dev.poisonlab.model.GptConfig;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

public final class SftRunDirectory implements SftTrainer.Start {
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

  /** What prepare writes for a request: config.json's record and the extended tokenizer.json. */
  static final class Expected {
    private final Path parentCheckpoint;
    private final SftRunConfig config;
    private final byte[] tokenizer;

    private Expected(Path parentCheckpoint, SftRunConfig config, byte[] tokenizer) {
      this.parentCheckpoint = parentCheckpoint;
      this.config = config;
      this.tokenizer = tokenizer;
    }

    SftRunConfig config() {
      return config;
    }

    /** The same parent with other SFT settings: another cell of a grid. */
    Expected with(SftConfig sft) {
      return new Expected(
          parentCheckpoint,
          new SftRunConfig(
              config.stage(), config.parent(), config.model(), config.tokenizerSha256(), sft),
          tokenizer);
    }
  }

  /**
   * The config.json and tokenizer.json a run on {@code pretrainedRun}'s checkpoint {@code step}
   * (null: the newest) with {@code sft} has; bad input (no checkpoint, a seal that fails, not a BPE
   * tokenizer.json) is one InputException.
   */
  static Expected expected(Path pretrainedRun, Long step, SftConfig sft) {
    Path checkpoint = parentCheckpoint(pretrainedRun, step);
    TrainCheckpoint.verifyForReading(checkpoint);
    Path parentTokenizer =
        pretrainedRun.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.TOKENIZER_FILE);
    BpeTokenizer base = bpeTokenizer(parentTokenizer);
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
            sft);
    return new Expected(checkpoint, config, extended);
  }

  /**
   * Prepares (or re-opens) {@code request}'s run directory with what {@code expected} computed
   * before the caller took the directory's lock (bad input then leaves no directory behind).
   */
  static SftRunDirectory prepare(SftRequest request, Expected expected) {
    SftRunConfig config = expected.config();
    Path dir = request.runDirectory();
    Path tokenizerFile = dir.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.TOKENIZER_FILE);
    writeOrCheck(
        dir, config, SftRunConfig.class, config::sameRunAs, tokenizerFile, expected.tokenizer);
    Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
    ChatTemplate.specialIds(tokenizer); // each chat token is one id, or fail before training
    return new SftRunDirectory(dir, expected.parentCheckpoint, config, tokenizer);
  }

  private static BpeTokenizer bpeTokenizer(Path file) {
    if (!(Tokenizers.load(file) instanceof BpeTokenizer base)) {
      throw new InputException(
          file,
          0,
          "fine-tuning needs a BPE tokenizer.json run (added special"
              + " tokens are a tokenizer.json feature), not a built-in tokenizer");
    }
    return base;
  }

  /**
   * First use of {@code dir}: writes data/tokenizer.json and config.json. Later: the config.json
   * there must describe the same run ({@code sameRun}), else one line refuses the rerun. Shared
   * with the further-clean-training stage, whose config.json is another record.
   */
  static <T> void writeOrCheck(
      Path dir,
      T config,
      Class<T> type,
      Predicate<T> sameRun,
      Path tokenizerFile,
      byte[] tokenizer) {
    try {
      if (refuseChanged(dir, type, sameRun)) {
        return;
      }
      if (!isEmpty(dir)) {
        throw new InputException(
            dir,
            0,
            "exists, is not empty and has no " + Trainer.CONFIG_FILE + "; choose a new --out");
      }
      AtomicFiles.write(tokenizerFile, out -> out.write(tokenizer));
      AtomicFiles.writeString(
          dir.resolve(Trainer.CONFIG_FILE), JSON.writeValueAsString(config) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare SFT run directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code dir} has a config.json; one that fails {@code sameRun} is refused with one line
   * (a grid checks every run this way before it starts anything).
   */
  static <T> boolean refuseChanged(Path dir, Class<T> type, Predicate<T> sameRun) {
    Path configFile = dir.resolve(Trainer.CONFIG_FILE);
    if (!Files.exists(configFile)) {
      return false;
    }
    T existing;
    try {
      existing = JSON.readValue(configFile.toFile(), type);
    } catch (IOException e) {
      throw new InputException(configFile, 0, "cannot read: " + e.getMessage(), e);
    }
    if (!sameRun.test(existing)) {
      throw new InputException(
          configFile,
          0,
          "this SFT run was started with other settings or another"
              + " parent; repeat the original options to resume, or choose a new --out");
    }
    return true;
  }

  static Path parentCheckpoint(Path run, Long step) {
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
  @Override
  public void initialise(GptModel target, Device device) {
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

  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(digest().digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public SftConfig sft() {
    return config.sft();
  }

  @Override
  public GptConfig model() {
    return config.model();
  }

  public SftRunConfig config() {
    return config;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }
}
