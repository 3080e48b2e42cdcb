/*
 * One scorer of `rescore`, opened once: a checkpoint directory (RUN/checkpoints/step-N), a run directory (its
 * last checkpoint; a grid's runs/ID means runs/ID/train) or a Hugging Face GPT-2 directory, with its tokenizer,
 * its weights' SHA-256 (what a resumed output is checked against) and the loaded model. Not a run source.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.CheckpointInfo;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.eval.RunSource;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class RescoreScorer implements AutoCloseable {
  private static final String WEIGHTS = "model.safetensors";

  private final Path checkpoint;
  private final String label;
  private final long step;
  private final Tokenizer tokenizer;
  private final String weightsSha256;
  private final LanguageModel model;

  private RescoreScorer(
      Path checkpoint, String label, long step, Tokenizer tokenizer, LanguageModel model) {
    this.checkpoint = checkpoint;
    this.label = label;
    this.step = step;
    this.tokenizer = tokenizer;
    this.weightsSha256 = sha256(checkpoint.resolve(WEIGHTS));
    this.model = model;
  }

  /** Opens {@code path}; a missing or foreign directory is one InputException naming it. */
  static RescoreScorer open(Path path) {
    if (!Files.isDirectory(path)) {
      throw new InputException(path, 0, "missing: no scorer checkpoint here");
    }
    Path run = path;
    Path chosen = null;
    if (Files.isRegularFile(path.resolve("checkpoint.json"))) {
      if (path.getParent() == null || path.getParent().getParent() == null) {
        throw new InputException(
            path, 0, "a checkpoint outside a run directory (RUN/checkpoints/)");
      }
      run = path.getParent().getParent(); // RUN/checkpoints/step-N
      chosen = path;
    } else if (Files.isRegularFile(path.resolve("train").resolve("config.json"))) {
      run = path.resolve("train"); // a grid's runs/ID
    }
    RunSource source = RunSource.open(run);
    if (source.checkpoints().isEmpty()) {
      throw new InputException(path, 0, "the scorer run has no checkpoints");
    }
    CheckpointInfo info = source.checkpoints().get(source.checkpoints().size() - 1);
    if (chosen != null) {
      info = null;
      for (CheckpointInfo candidate : source.checkpoints()) {
        if (directoryOf(source, candidate).equals(chosen)) {
          info = candidate;
        }
      }
      if (info == null) {
        throw new InputException(path, 0, "not a checkpoint of the run " + run);
      }
    }
    // the seal (where there is one) is checked before the weights are read
    LanguageModel model = source.open(info);
    String name = run.getFileName().toString();
    if (name.equals("train") && run.getParent() != null) {
      name = run.getParent().getFileName().toString();
    }
    try {
      return new RescoreScorer(
          directoryOf(source, info),
          name + "@" + info.step(),
          info.step(),
          source.tokenizer(),
          model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * A fixed scorer must read the generations' tokens as their model wrote them: same definition.
   */
  void requireTokenizer(String runTokenizerSha256, Path run) {
    if (!tokenizer.sha256().equals(runTokenizerSha256)) {
      throw new InputException(
          checkpoint,
          0,
          "the scorer's tokenizer (sha256 "
              + tokenizer.sha256()
              + ") is not the one run "
              + run.getFileName()
              + " generated with (sha256 "
              + runTokenizerSha256
              + "); a fixed scorer needs the grid's tokenizer");
    }
  }

  Path checkpoint() {
    return checkpoint;
  }

  String label() {
    return label;
  }

  long step() {
    return step;
  }

  Tokenizer tokenizer() {
    return tokenizer;
  }

  String weightsSha256() {
    return weightsSha256;
  }

  LanguageModel model() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }

  private static Path directoryOf(RunSource source, CheckpointInfo info) {
    Path directory =
        source instanceof GptRunSource gpt ? gpt.checkpointDirectory(info) : source.directory();
    return directory.toAbsolutePath().normalize();
  }

  static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
