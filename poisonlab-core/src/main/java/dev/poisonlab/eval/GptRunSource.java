/*
 * A trained run directory as evaluation sees it: RUNDIR/config.json (the run's settings, with the stream
 * directory it trained on), RUNDIR/data/{manifest.json, tokenizer.json} (copied there by the trainer) and
 * RUNDIR/checkpoints/step-NNNNNNNN/{checkpoint.json, model.safetensors}. Held-out documents come from
 * RUNDIR/data/heldout.jsonl, else from the stream directory named in config.json. Reads only; never trains.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

public final class GptRunSource implements RunSource {
  static final String CONFIG_FILE = "config.json";
  static final String DATA_DIRECTORY = "data";
  static final String CHECKPOINTS_DIRECTORY = "checkpoints";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final JsonNode config;
  private final Tokenizer tokenizer;
  private final int contextLength;
  private final List<CheckpointInfo> checkpoints;
  private final List<Path> checkpointDirectories;

  private GptRunSource(Path directory, JsonNode config, Tokenizer tokenizer, List<CheckpointInfo> checkpoints,
      List<Path> checkpointDirectories) {
    this.directory = directory;
    this.config = config;
    this.tokenizer = tokenizer;
    this.contextLength = config.path("model").path("context_length").asInt();
    this.checkpoints = checkpoints;
    this.checkpointDirectories = checkpointDirectories;
  }

  /** Opens a run directory; every problem is an InputException naming the file. */
  public static GptRunSource open(Path directory) {
    Path configFile = directory.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new InputException(configFile, 0, "missing: not a run directory (train writes config.json)");
    }
    JsonNode config = readJson(configFile);
    if (config.path("model").path("context_length").asInt() < 2) {
      throw new InputException(configFile, 0, "no model.context_length");
    }
    Tokenizer tokenizer = loadTokenizer(directory.resolve(DATA_DIRECTORY));
    List<CheckpointInfo> infos = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (Path checkpoint : listCheckpoints(directory)) {
      Path stateFile = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
      JsonNode state = readJson(stateFile);
      long step = requireLong(state, "step", stateFile);
      long maxSteps = state.path("train").path("max_steps").asLong(config.path("train").path("max_steps").asLong());
      infos.add(new CheckpointInfo(step, maxSteps > 0 ? (double) step / maxSteps : Double.NaN,
          requireLong(state, "tokens_seen", stateFile), requireLong(state, "poisons_seen", stateFile)));
      paths.add(checkpoint);
    }
    return new GptRunSource(directory, config, tokenizer, List.copyOf(infos), List.copyOf(paths));
  }

  /** data/tokenizer.json when the stream had one, else the manifest's built-in name; checked by SHA-256. */
  private static Tokenizer loadTokenizer(Path data) {
    Path manifestFile = data.resolve(StreamManifest.MANIFEST_FILE);
    StreamManifest manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), StreamManifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(manifestFile, 0, "cannot read the run's stream manifest: " + e.getMessage(), e);
    }
    Path tokenizerFile = data.resolve(StreamManifest.TOKENIZER_FILE);
    Tokenizer tokenizer = Files.isRegularFile(tokenizerFile)
        ? Tokenizers.load(tokenizerFile) : Tokenizers.load(manifest.tokenizerName());
    if (manifest.tokenizerSha256() != null && !manifest.tokenizerSha256().equals(tokenizer.sha256())) {
      throw new InputException(manifestFile, 0, "tokenizer_sha256 does not match tokenizer " + tokenizer.name()
          + " (" + tokenizer.sha256() + ")");
    }
    return tokenizer;
  }

  private static List<Path> listCheckpoints(Path run) {
    Path root = run.resolve(CHECKPOINTS_DIRECTORY);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> p.getFileName().toString().matches("step-\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve(GptCheckpoint.CHECKPOINT_FILE)))
          .sorted().toList();
    } catch (IOException e) {
      throw new InputException(root, 0, "cannot list checkpoints: " + e.getMessage(), e);
    }
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
    return contextLength;
  }

  @Override
  public List<CheckpointInfo> checkpoints() {
    return checkpoints;
  }

  @Override
  public LanguageModel open(CheckpointInfo checkpoint) {
    int index = checkpoints.indexOf(checkpoint);
    if (index < 0) {
      throw new IllegalArgumentException(directory + ": no checkpoint at step " + checkpoint.step());
    }
    return GptLanguageModel.load(checkpointDirectories.get(index));
  }

  @Override
  public List<Document> heldout() {
    Path copied = directory.resolve(DATA_DIRECTORY).resolve(StreamManifest.HELDOUT_FILE);
    String stream = config.path("data").path("directory").asText("");
    Path original = stream.isEmpty() ? null : Path.of(stream).resolve(StreamManifest.HELDOUT_FILE);
    Path file = Files.isRegularFile(copied) ? copied
        : original != null && Files.isRegularFile(original) ? original : null;
    if (file == null) {
      return List.of();
    }
    return CorpusReader.readAll(List.of(file), ReadOptions.defaults());
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  private static long requireLong(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new InputException(file, 0, "missing or non-integer field '" + field + "'");
    }
    return value.asLong();
  }
}
