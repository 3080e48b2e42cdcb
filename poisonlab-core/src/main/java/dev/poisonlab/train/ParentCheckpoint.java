/*
 * The checkpoint a continued run starts from, checked against the new run before anything is written: a
 * complete checkpoint inside a run directory, of the same model shape, trained with the same tokenizer as the
 * new stream. Yields the RunConfig.Parent that config.json records. Loads no weights itself (the Trainer does).
 */
package dev.poisonlab.train;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

final class ParentCheckpoint {
  private ParentCheckpoint() {}

  /**
   * Describes checkpoint directory {@code checkpoint} (RUN/checkpoints/step-N) as the parent of a
   * run of shape {@code model} on the stream whose manifest is {@code manifestFile}.
   */
  static RunConfig.Parent describe(
      Path checkpoint, GptConfig model, StreamManifest manifest, Path manifestFile) {
    Path stateFile = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
    Path weights = checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE);
    if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(weights)) {
      throw new InputException(
          Files.isRegularFile(stateFile) ? weights : stateFile,
          0,
          "missing: not a complete checkpoint directory");
    }
    Path run = checkpoint.toAbsolutePath().normalize().getParent().getParent();
    Path configFile = run.resolve(Trainer.CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new InputException(
          configFile, 0, "missing: the checkpoint does not lie in a run directory");
    }
    RunConfig config = Trainer.readRunConfig(configFile);
    TrainCheckpoint.State state = TrainCheckpoint.readState(checkpoint);
    CheckpointIntegrity.verify(
        checkpoint.toAbsolutePath().normalize(), state); // a corrupt parent is refused
    if (!state.model().equals(model)) {
      throw new InputException(
          manifestFile,
          0,
          "gives the model "
              + model
              + " but the parent checkpoint "
              + checkpoint
              + " holds "
              + state.model()
              + "; continue with the parent's preset and tokenizer");
    }
    StreamManifest parentData = TokenStream.readManifest(run.resolve(Trainer.DATA_DIRECTORY));
    if (!sameTokenizer(parentData, manifest)) {
      throw new InputException(
          manifestFile,
          0,
          "tokenizer "
              + manifest.tokenizerName()
              + " ("
              + manifest.tokenizerSha256()
              + ") differs from the parent run's "
              + parentData.tokenizerName()
              + " ("
              + parentData.tokenizerSha256()
              + "); build the stream with the parent's tokenizer");
    }
    return new RunConfig.Parent(
        run.toString(),
        state.step(),
        state.tokensSeen(),
        state.poisonsSeen(),
        RunPlan.sha256(weights),
        config);
  }

  /** By SHA-256 when both streams record one, else by name. */
  private static boolean sameTokenizer(StreamManifest parent, StreamManifest child) {
    boolean hashes =
        parent.tokenizerSha256() != null
            && !parent.tokenizerSha256().isBlank()
            && child.tokenizerSha256() != null
            && !child.tokenizerSha256().isBlank();
    return hashes
        ? parent.tokenizerSha256().equals(child.tokenizerSha256())
        : Objects.equals(parent.tokenizerName(), child.tokenizerName());
  }
}
