/*
 * The run directory of further clean training after SFT and its parent: reads the SFT run's config.json (only
 * a stage "sft" run is accepted), resolves its checkpoint (the newest only when the run is finished), copies
 * its data/tokenizer.json byte for byte (the chat tokens are already there: nothing is added, so the refusal of
 * fine-tuning an SFT run again does not apply), writes or checks config.json and gives the start model: the
 * SFT checkpoint's weights, unchanged. A fresh AdamW starts with it; the SFT run's optimiser state is not reused.
 */
package dev.poisonlab.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

public final class ContinueRunDirectory implements SftTrainer.Start {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Path parentCheckpoint;
  private final ContinueRunConfig config;
  private final Tokenizer tokenizer;

  private ContinueRunDirectory(
      Path directory, Path parentCheckpoint, ContinueRunConfig config, Tokenizer tokenizer) {
    this.directory = directory;
    this.parentCheckpoint = parentCheckpoint;
    this.config = config;
    this.tokenizer = tokenizer;
  }

  /**
   * Checks the parent (an SFT run, finished or with a named checkpoint that verifies) before the
   * caller takes the lock, which creates the run directory: bad input leaves nothing behind.
   */
  static void checkParent(ContinueRequest request) {
    SftRunConfig parent = readParent(request.sftRun());
    TrainCheckpoint.verifyForReading(parentCheckpoint(request, parent.sft().maxSteps()));
  }

  /** Prepares (or re-opens) {@code request}'s run directory; the caller holds its lock. */
  static ContinueRunDirectory prepare(ContinueRequest request) {
    SftRunConfig parent = readParent(request.sftRun());
    Path checkpoint = parentCheckpoint(request, parent.sft().maxSteps());
    TrainCheckpoint.verifyForReading(checkpoint);
    Path parentTokenizer =
        request.sftRun().resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.TOKENIZER_FILE);
    byte[] tokenizerBytes;
    try {
      tokenizerBytes = Files.readAllBytes(parentTokenizer);
    } catch (IOException e) {
      throw new InputException(parentTokenizer, 0, "cannot read: " + e.getMessage(), e);
    }
    ContinueRunConfig config =
        new ContinueRunConfig(
            ContinueRunConfig.STAGE,
            new SftRunConfig.Parent(
                checkpoint.toAbsolutePath().toString(),
                TrainCheckpoint.readState(checkpoint).step(),
                SftRunDirectory.sha256(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE))),
            parent.sft(),
            GptCheckpoint.readConfig(checkpoint),
            HexFormat.of().formatHex(SftRunDirectory.digest().digest(tokenizerBytes)),
            request.settings().resolve(parent.sft()));
    Path dir = request.runDirectory();
    Path tokenizerFile = dir.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.TOKENIZER_FILE);
    SftRunDirectory.writeOrCheck(
        dir, config, ContinueRunConfig.class, config::sameRunAs, tokenizerFile, tokenizerBytes);
    Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
    ChatTemplate.specialIds(tokenizer); // the parent's chat tokens, each one id
    return new ContinueRunDirectory(dir, checkpoint, config, tokenizer);
  }

  /**
   * Refuses, before a grid starts anything, a continuation directory whose config.json was written
   * for other settings: another SFT cell ({@code parentSft}) or other continuation settings.
   */
  static void refuseChanged(Path dir, SftConfig parentSft, SftConfig sft) {
    SftRunDirectory.refuseChanged(
        dir,
        ContinueRunConfig.class,
        existing -> existing.parentSft().equals(parentSft) && existing.sft().equals(sft));
  }

  private static SftRunConfig readParent(Path sftRun) {
    Path file = sftRun.resolve(Trainer.CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(file, 0, "missing: not an SFT run directory");
    }
    SftRunConfig parent;
    try {
      parent = JSON.readValue(file.toFile(), SftRunConfig.class);
    } catch (IOException e) {
      throw new InputException(file, 0, "not an SFT run's config.json: " + firstLine(e), e);
    }
    if (!SftRunConfig.STAGE.equals(parent.stage()) || parent.sft() == null) {
      throw new InputException(
          file, 0, "stage is " + parent.stage() + ", not " + SftRunConfig.STAGE + " (an SFT run)");
    }
    return parent;
  }

  /** The requested checkpoint, or the newest when the SFT run reached max_steps. */
  private static Path parentCheckpoint(ContinueRequest request, long maxSteps) {
    Path checkpoint = SftRunDirectory.parentCheckpoint(request.sftRun(), request.checkpointStep());
    long step = TrainCheckpoint.readState(checkpoint).step();
    if (request.checkpointStep() == null && step < maxSteps) {
      throw new InputException(
          request.sftRun(),
          0,
          "the SFT run is not finished (newest checkpoint step "
              + step
              + " of "
              + maxSteps
              + "); finish it or name a checkpoint");
    }
    return checkpoint;
  }

  private static String firstLine(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.lines().findFirst().orElse("");
  }

  @Override
  public void initialise(GptModel target, Device device) {
    target.loadWeights(parentCheckpoint.resolve(GptCheckpoint.WEIGHTS_FILE));
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

  public ContinueRunConfig config() {
    return config;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }
}
