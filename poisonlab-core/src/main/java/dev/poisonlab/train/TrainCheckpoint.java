/*
 * A self-describing checkpoint directory RUNDIR/checkpoints/step-NNNNNNNN/: checkpoint.json (step, tokens,
 * poisons seen, loss, data position, random state, model and train config, optimizer step), model.safetensors
 * (weights, nanoGPT names) and optimizer.safetensors (AdamW moments), sealed with their SHA-256
 * (CheckpointIntegrity). Written and fsynced in a hidden temp directory, then renamed into place, so a kill
 * mid-write leaves no checkpoint rather than a broken one; a resume takes the newest checkpoint (or resume
 * state, ResumeState: the same format, saved on a stop request and not evaluated) that verifies.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

public final class TrainCheckpoint {
  public static final String DIRECTORY = "checkpoints";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";
  public static final int FORMAT_VERSION = 1;

  /**
   * A checkpoint that failed verification on resume is kept, for inspection, under its name plus
   * this.
   */
  public static final String REJECTED_SUFFIX = ".rejected";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainCheckpoint() {}

  /**
   * Randomness of the run: only initialisation draws random numbers (per-parameter streams of
   * init_seed); training draws none (no dropout, the stream is read in order), so resuming needs
   * nothing more.
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
      TrainConfig train,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long skippedBatches,
      @JsonInclude(JsonInclude.Include.NON_NULL) CheckpointIntegrity.Seal seal) {

    /** Builds a state by field name: the current format, no skipped batches, not yet sealed. */
    public static CheckpointStateBuilder builder() {
      return new CheckpointStateBuilder();
    }

    /** A builder holding this state's values, to change some of them. */
    public CheckpointStateBuilder toBuilder() {
      return new CheckpointStateBuilder(this);
    }

    State withSeal(CheckpointIntegrity.Seal newSeal) {
      return toBuilder().seal(newSeal).build();
    }
  }

  /** A checkpoint a run resumes from: its directory and its (verified or legacy) state. */
  public record Resumed(Path directory, State state) {}

  public static Path directoryFor(Path runDirectory, long step) {
    return runDirectory.resolve(DIRECTORY).resolve(nameOf(step));
  }

  /** step-NNNNNNNN: the name of a checkpoint's (or resume state's) directory, read by stepOf. */
  static String nameOf(long step) {
    return String.format(Locale.ROOT, "step-%08d", step);
  }

  /**
   * Writes, seals, fsyncs and publishes checkpoint step-N of {@code state}; returns its directory.
   */
  public static Path save(Path runDirectory, State state, GptModel model, AdamW optimizer) {
    return saveTo(directoryFor(runDirectory, state.step()), state, model, optimizer);
  }

  /** As {@link #save}, into {@code target} (a resume state's directory, ResumeState). */
  static Path saveTo(Path target, State state, GptModel model, AdamW optimizer) {
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put(
          GptCheckpoint.WEIGHTS_FILE,
          CheckpointFiles.writeSynced(
              temp.resolve(GptCheckpoint.WEIGHTS_FILE), model::saveWeights));
      hashes.put(
          OPTIMIZER_FILE,
          CheckpointFiles.writeSynced(
              temp.resolve(OPTIMIZER_FILE), out -> SafeTensors.write(out, optimizer.state())));
      State sealed = CheckpointIntegrity.seal(state, hashes);
      CheckpointFiles.writeSynced(
          temp.resolve(GptCheckpoint.CHECKPOINT_FILE),
          out -> out.write(JSON.writeValueAsBytes(sealed)));
      AtomicFiles.syncDirectory(temp);
      AtomicFiles.move(temp, target);
      temp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write checkpoint " + target + ": " + e.getMessage(), e);
    } finally {
      CheckpointFiles.deleteTree(temp);
    }
  }

  /**
   * Loads the newest checkpoint of a run that verifies into {@code model} and {@code optimizer},
   * counting its resume states (ResumeState) as checkpoints of their step. Each newer one that
   * fails (a changed byte, a missing or truncated file, an edited checkpoint.json) is reported
   * through {@code warn} as one line and renamed to step-N.rejected, out of the way of the
   * checkpoint that will replace it. Legacy checkpoints (no seal) are taken if their headers match
   * the model. Empty: none usable.
   */
  public static Optional<Resumed> resumeNewestGood(
      Path runDirectory, GptModel model, AdamW optimizer, Consumer<String> warn) {
    List<Path> all = new ArrayList<>(list(runDirectory));
    all.addAll(ResumeState.list(runDirectory));
    all.sort(Comparator.comparingLong(TrainCheckpoint::stepOf));
    for (int i = all.size() - 1; i >= 0; i--) {
      Path directory = all.get(i);
      State state;
      try {
        state = check(directory, model, optimizer);
      } catch (InputException e) {
        Path rejected = CheckpointFiles.reject(directory);
        boolean resumeState = directory.getParent().endsWith(ResumeState.DIRECTORY);
        warn.accept(
            (resumeState ? "skipping resume state " : "skipping checkpoint ")
                + directory.getFileName()
                + ": "
                + e.getMessage()
                + " (moved to "
                + rejected.getFileName()
                + ")");
        continue;
      }
      restore(directory, model, optimizer);
      return Optional.of(new Resumed(directory, state));
    }
    return Optional.empty();
  }

  /**
   * Verifies a checkpoint without changing the model: seal (or legacy step), then both files'
   * headers.
   */
  static State check(Path directory, GptModel model, AdamW optimizer) {
    State state = readState(directory);
    CheckpointIntegrity.verify(directory, state);
    SafeTensors.checkMatches(
        directory.resolve(GptCheckpoint.WEIGHTS_FILE), model.parameterArrays());
    SafeTensors.checkMatches(directory.resolve(OPTIMIZER_FILE), optimizer.state());
    return state;
  }

  /**
   * Verifies a checkpoint that is about to be read, not resumed (eval, sample, export): its seal,
   * if it has one. Throws InputException naming the file that fails; a legacy checkpoint passes as
   * far as its step matches.
   */
  public static void verifyForReading(Path directory) {
    CheckpointIntegrity.verify(directory, readState(directory));
  }

  /** Reads checkpoint.json of a checkpoint directory. */
  public static State readState(Path directory) {
    Path file = directory.resolve(GptCheckpoint.CHECKPOINT_FILE);
    try {
      return parseState(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, "missing");
    } catch (IOException e) {
      throw new InputException(
          file, 0, "cannot read checkpoint state: " + firstLine(e.getMessage()), e);
    }
  }

  /** Parses checkpoint.json's bytes; any problem is one InputException naming {@code file}. */
  static State parseState(Path file, byte[] json) {
    try {
      State state = JSON.readValue(json, State.class);
      if (state == null
          || state.model() == null
          || state.train() == null
          || state.dataPosition() == null) {
        throw new InputException(
            file, 0, "cannot read checkpoint state: model, train or data_position missing");
      }
      return state;
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(
          file, 0, "cannot read checkpoint state: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Loads weights and optimizer moments into an existing model and optimizer; returns the state.
   */
  public static State restore(Path directory, GptModel model, AdamW optimizer) {
    State state = readState(directory);
    model.loadWeights(directory.resolve(GptCheckpoint.WEIGHTS_FILE));
    SafeTensors.readInto(directory.resolve(OPTIMIZER_FILE), optimizer.state(), model.manager());
    optimizer.restoreStepCount(state.optimizerStep());
    return state;
  }

  /**
   * Complete checkpoint directories of a run, oldest first (hidden temp directories are skipped).
   */
  public static List<Path> list(Path runDirectory) {
    return listIn(runDirectory.resolve(DIRECTORY));
  }

  /** The complete step-N directories in {@code directory}, oldest first. */
  static List<Path> listIn(Path directory) {
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

  /** The step a checkpoint directory of {@link #directoryFor} holds, read from its name. */
  public static long stepOf(Path checkpointDirectory) {
    return Long.parseLong(checkpointDirectory.getFileName().toString().substring("step-".length()));
  }

  public static Optional<Path> latest(Path runDirectory) {
    List<Path> all = list(runDirectory);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Removes leftovers of checkpoints whose writing was interrupted. */
  public static void deleteUnfinished(Path runDirectory) {
    CheckpointFiles.deleteHidden(runDirectory.resolve(DIRECTORY));
  }

  /** Jackson's messages quote the source over several lines; a warning is one. */
  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
