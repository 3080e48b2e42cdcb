/*
 * A trained run directory as evaluation sees it, read through the trainer's own formats: config.json
 * (train.RunConfig, naming the stream it trained on), data/{manifest.json, tokenizer.json} (copied there by the
 * trainer) and checkpoints/step-NNNNNNNN/ (train.TrainCheckpoint). Held-out documents come from
 * data/heldout.jsonl when present, else from the stream directory in config.json. Reads only; never trains.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class GptRunSource implements RunSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final RunConfig config;
  private final Tokenizer tokenizer;
  private final List<CheckpointInfo> checkpoints;
  private final List<Path> checkpointDirectories;

  private GptRunSource(
      Path directory,
      RunConfig config,
      Tokenizer tokenizer,
      List<CheckpointInfo> checkpoints,
      List<Path> checkpointDirectories) {
    this.directory = directory;
    this.config = config;
    this.tokenizer = tokenizer;
    this.checkpoints = checkpoints;
    this.checkpointDirectories = checkpointDirectories;
  }

  /** Opens a run directory; every problem is an InputException naming the file. */
  public static GptRunSource open(Path directory) {
    Path configFile = directory.resolve(Trainer.CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new InputException(
          configFile, 0, "missing: not a run directory (train writes config.json)");
    }
    RunConfig config = Trainer.readRunConfig(configFile);
    Tokenizer tokenizer = loadTokenizer(directory.resolve(Trainer.DATA_DIRECTORY));
    if (tokenizer.vocabSize() != config.model().vocabSize()) {
      throw new InputException(
          configFile,
          0,
          "model vocab_size "
              + config.model().vocabSize()
              + " differs from the tokenizer's "
              + tokenizer.vocabSize());
    }
    List<CheckpointInfo> infos = new ArrayList<>();
    List<Path> paths = TrainCheckpoint.list(directory);
    for (Path checkpoint : paths) {
      TrainCheckpoint.State state = TrainCheckpoint.readState(checkpoint);
      infos.add(
          new CheckpointInfo(
              state.step(),
              (double) state.step() / state.train().maxSteps(),
              state.tokensSeen(),
              state.poisonsSeen()));
    }
    return new GptRunSource(directory, config, tokenizer, List.copyOf(infos), List.copyOf(paths));
  }

  /**
   * data/tokenizer.json when the stream had one, else the manifest's built-in name; checked by
   * SHA-256.
   */
  private static Tokenizer loadTokenizer(Path data) {
    Path manifestFile = data.resolve(StreamManifest.MANIFEST_FILE);
    StreamManifest manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), StreamManifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(
          manifestFile, 0, "cannot read the run's stream manifest: " + e.getMessage(), e);
    }
    Path tokenizerFile = data.resolve(StreamManifest.TOKENIZER_FILE);
    Tokenizer tokenizer =
        Files.isRegularFile(tokenizerFile)
            ? Tokenizers.load(tokenizerFile)
            : Tokenizers.load(manifest.tokenizerName());
    if (manifest.tokenizerSha256() != null
        && !manifest.tokenizerSha256().equals(tokenizer.sha256())) {
      throw new InputException(
          manifestFile,
          0,
          "tokenizer_sha256 does not match tokenizer "
              + tokenizer.name()
              + " ("
              + tokenizer.sha256()
              + ")");
    }
    return tokenizer;
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int contextLength() {
    return config.model().contextLength();
  }

  @Override
  public List<CheckpointInfo> checkpoints() {
    return checkpoints;
  }

  @Override
  public LanguageModel open(CheckpointInfo checkpoint) {
    Path directory = checkpointDirectory(checkpoint);
    // a flipped byte must not become a measured "backdoor": the seal is checked before the weights
    // are read
    TrainCheckpoint.verifyForReading(directory);
    return GptLanguageModel.load(directory);
  }

  /** The directory (checkpoint.json + model.safetensors) of one of this run's checkpoints. */
  public Path checkpointDirectory(CheckpointInfo checkpoint) {
    int index = checkpoints.indexOf(checkpoint);
    if (index < 0) {
      throw new IllegalArgumentException(
          directory + ": no checkpoint at step " + checkpoint.step());
    }
    return checkpointDirectories.get(index);
  }

  /**
   * The stream named in config.json, else the grid layout's sibling (runs/ID/stream beside
   * runs/ID/train), accepted only when its manifest matches the run's copy in size and poisons: a
   * rebuilt stream is not the text this model saw.
   */
  @Override
  public TrainingStream trainingStream() {
    String named = config.data().directory();
    List<Path> candidates = new ArrayList<>();
    if (named != null && !named.isEmpty()) {
      candidates.add(Path.of(named));
    }
    if (directory.toAbsolutePath().getParent() != null) {
      candidates.add(directory.toAbsolutePath().getParent().resolve("stream"));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve(StreamManifest.TOKENS_FILE))
          && Files.isRegularFile(candidate.resolve(StreamManifest.MANIFEST_FILE))) {
        StreamManifest manifest;
        try {
          manifest = dev.poisonlab.corpus.StreamDirectory.readManifest(candidate);
        } catch (RuntimeException e) {
          continue; // an unreadable manifest is not this run's stream; the next candidate or
          // "unavailable"
        }
        if (manifest.totalTokens() == config.data().totalTokens()
            && manifest.poisons().size() == config.data().poisons()) {
          return TrainingStream.at(candidate);
        }
      }
    }
    return TrainingStream.unavailable(
        "no tokens.bin of the training stream ("
            + (named == null ? "unnamed" : named)
            + ") is reachable from here, or it no longer matches the run's manifest; the run may have been trained "
            + "elsewhere");
  }

  @Override
  public List<Document> heldout() {
    Path copied = directory.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.HELDOUT_FILE);
    String stream = config.data().directory();
    Path original =
        stream == null || stream.isEmpty()
            ? null
            : Path.of(stream).resolve(StreamManifest.HELDOUT_FILE);
    Path file =
        Files.isRegularFile(copied)
            ? copied
            : original != null && Files.isRegularFile(original) ? original : null;
    return file == null ? List.of() : CorpusReader.readAll(List.of(file), ReadOptions.defaults());
  }
}
