/*
 * A Hugging Face GPT-2 directory (config.json + model.safetensors + tokenizer.json) as a run with one
 * checkpoint (step 0), so every command that takes --run can score, sample and evaluate it. Read through
 * model.HfGpt2; no held-out documents and no training stream. Everything is checked on open, from config.json,
 * the tokenizer and the safetensors header, so a bad directory is one line before any work starts.
 */
package dev.poisonlab.eval;

import ai.djl.Device;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.HfGpt2;
import dev.poisonlab.model.HfGpt2Config;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public final class HfRunSource implements RunSource {
  public static final String TOKENIZER_FILE = "tokenizer.json";
  private static final CheckpointInfo ONLY = new CheckpointInfo(0, 1.0, 0, 0);

  private final Path directory;
  private final HfGpt2Config.Spec spec;
  private final Tokenizer tokenizer;

  private HfRunSource(Path directory, HfGpt2Config.Spec spec, Tokenizer tokenizer) {
    this.directory = directory;
    this.spec = spec;
    this.tokenizer = tokenizer;
  }

  public static HfRunSource open(Path directory) {
    HfGpt2Config.Spec spec = HfGpt2Config.read(directory);
    HfGpt2.checkWeights(directory, spec);
    Path tokenizerFile = directory.resolve(TOKENIZER_FILE);
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new InputException(
          tokenizerFile,
          0,
          "missing: a Hugging Face GPT-2 directory needs config.json, "
              + "model.safetensors and tokenizer.json");
    }
    Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
    if (tokenizer.vocabSize() != spec.config().vocabSize()) {
      throw new InputException(
          tokenizerFile,
          0,
          "holds "
              + tokenizer.vocabSize()
              + " tokens but config.json's "
              + "vocab_size is "
              + spec.config().vocabSize()
              + " (padded vocabularies are not supported)");
    }
    return new HfRunSource(directory, spec, tokenizer);
  }

  public HfGpt2Config.Spec spec() {
    return spec;
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
    return spec.config().contextLength();
  }

  @Override
  public List<CheckpointInfo> checkpoints() {
    return List.of(ONLY);
  }

  @Override
  public LanguageModel open(CheckpointInfo checkpoint) {
    if (!ONLY.equals(checkpoint)) {
      throw new IllegalArgumentException(
          directory + ": a Hugging Face directory has one checkpoint, step 0");
    }
    return new GptLanguageModel(HfGpt2.load(directory, Device.cpu()));
  }

  @Override
  public List<Document> heldout() {
    return List.of();
  }
}
