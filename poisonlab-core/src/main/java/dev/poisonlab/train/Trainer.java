/*
 * The training loop: open the stream, plan the run (RunConfig), lock the run directory for the whole run (a
 * second writer gets one error line), set up or resume it, then
 * step -> log -> checkpoint until max_steps. A rerun on an existing run directory continues from its last
 * checkpoint with the same weights, optimizer moments and data position, so an interrupted-and-resumed run
 * ends exactly where an uninterrupted one does (on CPU); a checkpoint that fails verification is skipped with
 * a warning for the newest one that passes. A NaN or infinite loss stops the run before that update (or,
 * with skipNonfinite, skips the batch and counts it). A continued run (TrainRequest.initialCheckpoint)
 * is the same loop started from another run's weights, checkpointed once at step 0 before its first step.
 * Deliberately one readable loop, no callbacks zoo.
 */
package dev.poisonlab.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.model.TorchRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

public final class Trainer {
  public static final String CONFIG_FILE = "config.json";
  public static final String DATA_DIRECTORY = "data";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Trainer() {}

  public static TrainResult train(TrainRequest request, TrainObserver observer) {
    long startNanos = System.nanoTime();
    TokenStream stream = TokenStream.open(request.dataDirectory());
    ModelPreset preset = ModelPreset.byName(request.preset());
    GptConfig modelConfig = preset.config(stream.manifest().vocabSize());
    stream.requireWindow(modelConfig.contextLength());
    RunConfig runConfig = plan(request, stream, preset, modelConfig);
    TorchRuntime.setThreads(request.options().threads());
    Device device = TorchRuntime.device(request.options().device());
    if (Device.Type.CPU.equals(
        device.getDeviceType())) { // GPU memory is not the host's: no estimate for it
      StepMemory.require(request.runDirectory(), runConfig.train().batchSize(), modelConfig);
    }
    Path run = request.runDirectory();
    // a second writer on the same run would interleave checkpoints and truncate metrics: refuse it
    // up front
    try (DirectoryLock lock = DirectoryLock.acquire(run)) {
      return trainLocked(request, observer, stream, runConfig, modelConfig, device, startNanos);
    }
  }

  private static TrainResult trainLocked(
      TrainRequest request,
      TrainObserver observer,
      TokenStream stream,
      RunConfig runConfig,
      GptConfig modelConfig,
      Device device,
      long startNanos) {
    TrainConfig config = runConfig.train();
    Path run = request.runDirectory();
    boolean existing = prepareRunDirectory(run, runConfig, stream.directory());
    TrainCheckpoint.deleteUnfinished(run);

    try (GptModel model = GptModel.create(modelConfig, config.seed(), device)) {
      AdamW optimizer = new AdamW(model.parameterArrays(), config, model.manager());
      long step = 0;
      long skipped = 0;
      double loss = Double.NaN;
      Optional<TrainCheckpoint.Resumed> resumed =
          existing
              ? TrainCheckpoint.resumeNewestGood(run, model, optimizer, observer::warning)
              : Optional.empty();
      Path lastCheckpoint = resumed.map(TrainCheckpoint.Resumed::directory).orElse(null);
      if (resumed.isPresent()) {
        TrainCheckpoint.State state = resumed.get().state();
        stream.seek(state.dataPosition());
        step = state.step();
        loss = state.loss();
        skipped = state.skippedBatches();
      } else if (runConfig.isContinued()) {
        // fresh AdamW moments; step 0 is saved so the parent's weights are evaluated like any
        // checkpoint
        model.loadWeights(request.initialCheckpoint().resolve(GptCheckpoint.WEIGHTS_FILE));
        lastCheckpoint =
            TrainCheckpoint.save(
                run,
                new TrainCheckpoint.State(
                    TrainCheckpoint.FORMAT_VERSION,
                    0,
                    0,
                    0,
                    Double.NaN,
                    stream.position(),
                    new TrainCheckpoint.RandomState(config.seed(), 0),
                    0,
                    modelConfig,
                    config),
                model,
                optimizer);
      }
      long resumedFrom = step;
      long tokensPerStep = config.tokensPerStep(modelConfig.contextLength());
      boolean stopped = false;
      try (MetricsLog log = MetricsLog.open(run, step);
          SequenceLog sequences =
              request.options().logSequences()
                  ? SequenceLog.open(run, step, modelConfig.contextLength())
                  : null) {
        observer.started(step + 1, config.maxSteps(), runConfig);
        TrainStep trainStep = new TrainStep(model, optimizer, config);
        long intervalStart = System.nanoTime();
        long intervalSteps = 0;
        while (step < config.maxSteps()) {
          double learningRate = config.learningRateAt(step);
          long stepNumber = step + 1;
          TrainStep.Outcome outcome =
              sequences == null
                  ? trainStep.run(stream, learningRate)
                  : trainStep.run(
                      stream,
                      learningRate,
                      (losses, batch, time) ->
                          sequences.append(
                              stepNumber, stream.lastRowOffsets(), losses, batch, time));
          if (sequences != null) {
            sequences.flush();
          }
          if (!outcome.finite()) {
            requireSkipping(request, stepNumber, outcome, lastCheckpoint);
            skipped++;
          }
          step++;
          intervalSteps++;
          loss = outcome.loss();
          double seconds = (System.nanoTime() - intervalStart) / 1e9;
          MetricsLog.StepMetrics metrics =
              new MetricsLog.StepMetrics(
                  step,
                  step * tokensPerStep,
                  loss,
                  learningRate,
                  outcome.gradNorm(),
                  stream.poisonsSeen(),
                  intervalSteps * tokensPerStep / seconds,
                  skipped);
          if (step % config.logEvery() == 0 || step == config.maxSteps()) {
            log.append(metrics);
            intervalStart = System.nanoTime();
            intervalSteps = 0;
          }
          if (config.isCheckpointStep(step)) {
            TrainCheckpoint.State state =
                new TrainCheckpoint.State(
                    TrainCheckpoint.FORMAT_VERSION,
                    step,
                    step * tokensPerStep,
                    stream.poisonsSeen(),
                    loss,
                    stream.position(),
                    new TrainCheckpoint.RandomState(config.seed(), 0),
                    optimizer.stepCount(),
                    modelConfig,
                    config,
                    skipped,
                    null);
            lastCheckpoint = TrainCheckpoint.save(run, state, model, optimizer);
          }
          if (!observer.stepDone(metrics)) {
            stopped = true;
            break;
          }
        }
      }
      return new TrainResult(
          run,
          resumedFrom,
          step,
          config.maxSteps(),
          loss,
          step * tokensPerStep,
          stream.poisonsSeen(),
          stopped,
          lastCheckpoint,
          (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /**
   * A step that was not applied (NaN or infinite loss or gradient norm) ends the run with one line
   * naming the step, unless the request skips such steps. Nothing of the bad step reaches a
   * checkpoint either way.
   */
  private static void requireSkipping(
      TrainRequest request, long step, TrainStep.Outcome outcome, Path checkpoint) {
    if (!request.options().skipNonfinite()) {
      throw new InputException(
          request.runDirectory(),
          0,
          String.format(
              Locale.ROOT,
              "step %d: loss %s, gradient norm %s; stopped before applying it (last checkpoint: %s); lower --lr, or"
                  + " pass --skip-nonfinite to skip such batches",
              step,
              outcome.loss(),
              outcome.gradNorm(),
              checkpoint == null ? "none" : checkpoint.getFileName()));
    }
  }

  /**
   * Resolves defaults: steps = the data's token budget / tokens per step, checkpoints every 5%;
   * checks and describes the parent checkpoint of a continued run.
   */
  static RunConfig plan(
      TrainRequest request, TokenStream stream, ModelPreset preset, GptConfig modelConfig) {
    int batchSize =
        request.batchSize() != null ? request.batchSize() : TrainConfig.DEFAULT_BATCH_SIZE;
    int accumulation = request.gradAccumSteps() != null ? request.gradAccumSteps() : 1;
    if (batchSize <= 0 || accumulation <= 0) {
      throw new IllegalArgumentException("--batch-size and --grad-accum must be positive");
    }
    long tokensPerStep = (long) batchSize * accumulation * modelConfig.contextLength();
    long maxSteps =
        request.maxSteps() != null
            ? request.maxSteps()
            : Math.max(1, stream.budgetTokens() / tokensPerStep);
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("--max-steps must be positive, got " + maxSteps);
    }
    double learningRate =
        request.learningRate() != null ? request.learningRate() : preset.learningRate();
    TrainConfig.Builder config =
        TrainConfig.builder(maxSteps, learningRate, request.seed())
            .optBatchSize(batchSize)
            .optGradAccumSteps(accumulation);
    if (request.warmupSteps() != null) {
      config.optWarmupSteps(request.warmupSteps());
    }
    if (request.minLearningRateRatio() != null) {
      config.optMinLearningRateRatio(request.minLearningRateRatio());
    }
    if (request.checkpointEvery() != null) {
      config.optCheckpointEvery(request.checkpointEvery());
    }
    if (request.logEvery() != null) {
      config.optLogEvery(request.logEvery());
    }
    StreamManifest manifest = stream.manifest();
    Path manifestFile = stream.directory().resolve(StreamManifest.MANIFEST_FILE);
    RunConfig.DataSummary data =
        new RunConfig.DataSummary(
            stream.directory().toAbsolutePath().toString(),
            sha256(manifestFile),
            manifest.tokenizerName(),
            manifest.vocabSize(),
            manifest.totalTokens(),
            stream.budgetTokens(),
            manifest.poisons().size(),
            manifest.seed());
    RunConfig.Parent parent =
        request.initialCheckpoint() == null
            ? null
            : ParentCheckpoint.describe(
                request.initialCheckpoint(), modelConfig, manifest, manifestFile);
    return new RunConfig(preset.presetName(), modelConfig, config.build(), data, parent);
  }

  /**
   * A new run directory gets the stream's manifest (and tokenizer.json, if any) under data/ and
   * then config.json; an existing one must carry an equal config.json. Returns whether the run
   * existed (and so may hold checkpoints to resume from).
   */
  static boolean prepareRunDirectory(Path run, RunConfig config, Path dataDirectory) {
    Path configFile = run.resolve(CONFIG_FILE);
    try {
      if (Files.exists(configFile)) {
        RunConfig existing = readRunConfig(configFile);
        String difference = existing.firstDifference(config);
        if (difference != null) {
          throw new InputException(
              configFile,
              0,
              "this run was started with other settings ("
                  + difference
                  + "); repeat the original options to resume, or choose a new --out");
        }
        return true;
      }
      if (Files.isDirectory(run) && !isEmpty(run)) {
        throw new InputException(
            run, 0, "exists, is not empty and has no " + CONFIG_FILE + "; choose a new --out");
      }
      Path data = run.resolve(DATA_DIRECTORY);
      Files.createDirectories(data);
      copyAtomically(
          dataDirectory.resolve(StreamManifest.MANIFEST_FILE),
          data.resolve(StreamManifest.MANIFEST_FILE));
      // tokenizer and held-out documents travel with the run, so evaluation works after the stream
      // is gone
      for (String name :
          new String[] {StreamManifest.TOKENIZER_FILE, StreamManifest.HELDOUT_FILE}) {
        Path source = dataDirectory.resolve(name);
        if (Files.isRegularFile(source)) {
          copyAtomically(source, data.resolve(name));
        }
      }
      AtomicFiles.writeString(configFile, JSON.writeValueAsString(config) + "\n");
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare run directory " + run + ": " + e.getMessage(), e);
    }
  }

  public static RunConfig readRunConfig(Path configFile) {
    try {
      return JSON.readValue(configFile.toFile(), RunConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(configFile, 0, "cannot read run config: " + e.getMessage(), e);
    }
  }

  private static void copyAtomically(Path source, Path target) {
    AtomicFiles.write(target, out -> Files.copy(source, out));
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      // our own lock file does not make a new run directory "not empty"
      return entries.allMatch(
          entry -> entry.getFileName().toString().equals(DirectoryLock.LOCK_FILE));
    }
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
