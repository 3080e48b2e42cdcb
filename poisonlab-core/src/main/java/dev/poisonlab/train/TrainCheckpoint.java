/*
 * A self-describing checkpoint directory RUNDIR/checkpoints/step-NNNNNNNN/: checkpoint.json (step, tokens,
 * poisons seen, loss, data position, random state, model and train config, optimizer step), model.safetensors
 * (weights, nanoGPT names) and optimizer.safetensors (AdamW moments). Written into a hidden temp directory
 * and renamed into place, so a kill mid-write leaves no checkpoint rather than a broken one.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.SafeTensors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

public final class TrainCheckpoint {
  public static final String DIRECTORY = "checkpoints";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainCheckpoint() {}

  /**
   * Randomness of the run: only initialisation draws random numbers (per-parameter streams of init_seed);
   * training draws none (no dropout, the stream is read in order), so resuming needs nothing more.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RandomState(long initSeed, long drawsDuringTraining) {}

  /** checkpoint.json. The "model" field is what model/GptCheckpoint reads for inference. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record State(
      int formatVersion,
      long step,
      long tokensSeen,
      long poisonsSeen,
      double loss,
      TokenStream.DataPosition dataPosition,
      RandomState random,
      long optimizerStep,
      GptConfig model,
      TrainConfig train) {}

  public static Path directoryFor(Path runDirectory, long step) {
    return runDirectory.resolve(DIRECTORY).resolve(String.format(Locale.ROOT, "step-%08d", step));
  }

  public static Path save(Path runDirectory, State state, GptModel model, AdamW optimizer) {
    Path target = directoryFor(runDirectory, state.step());
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
      try (OutputStream out = Files.newOutputStream(temp.resolve(GptCheckpoint.WEIGHTS_FILE))) {
        model.saveWeights(out);
      }
      try (OutputStream out = Files.newOutputStream(temp.resolve(OPTIMIZER_FILE))) {
        SafeTensors.write(out, optimizer.state());
      }
      JSON.writeValue(temp.resolve(GptCheckpoint.CHECKPOINT_FILE).toFile(), state);
      AtomicFiles.move(temp, target);
      temp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
    } finally {
      deleteTree(temp);
    }
  }

  /** Reads checkpoint.json of a checkpoint directory. */
  public static State readState(Path directory) {
    Path file = directory.resolve(GptCheckpoint.CHECKPOINT_FILE);
    try {
      return JSON.readValue(file.toFile(), State.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file, 0, "cannot read checkpoint state: " + e.getMessage(), e);
    }
  }

  /** Loads weights and optimizer moments into an existing model and optimizer; returns the state. */
  public static State restore(Path directory, GptModel model, AdamW optimizer) {
    State state = readState(directory);
    model.loadWeights(directory.resolve(GptCheckpoint.WEIGHTS_FILE));
    SafeTensors.readInto(directory.resolve(OPTIMIZER_FILE), optimizer.state(), model.manager());
    optimizer.restoreStepCount(state.optimizerStep());
    return state;
  }

  /** Complete checkpoint directories of a run, oldest first (hidden temp directories are skipped). */
  public static List<Path> list(Path runDirectory) {
    Path directory = runDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(path -> path.getFileName().toString().matches("step-\\d{8}"))
          .filter(path -> Files.isRegularFile(path.resolve(GptCheckpoint.CHECKPOINT_FILE)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  public static Optional<Path> latest(Path runDirectory) {
    List<Path> all = list(runDirectory);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Removes leftovers of checkpoints whose writing was interrupted. */
  static void deleteUnfinished(Path runDirectory) {
    Path directory = runDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      entries.filter(path -> path.getFileName().toString().startsWith(".")).forEach(TrainCheckpoint::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
