/*
 * Trains a GPT on a token stream: open the stream, plan the run (RunPlan), lock the run directory for the
 * whole run (a second writer gets one error line), set it up or check it is this run's (RunDirectory), then
 * hand over to the loop (TrainingRun). A rerun on an existing run directory continues from its last
 * checkpoint with the same weights, optimizer moments and data position, so an interrupted-and-resumed run
 * ends exactly where an uninterrupted one does (on CPU); a checkpoint that fails verification is skipped with
 * a warning for the newest one that passes. A stop request (TrainObserver.stopSignal: the CLI's Ctrl-C or
 * SIGTERM) ends the run after the step in progress with a resume state saved, so a rerun loses nothing. A NaN
 * or infinite loss stops the run before that update (or, with skipNonfinite, skips the batch and counts it).
 * A continued run (TrainRequest.initialCheckpoint) is the same loop started from another run's weights,
 * checkpointed once at step 0 before its first step.
 */
package dev.poisonlab.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Path;

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
    RunConfig runConfig = RunPlan.of(request, stream, preset, modelConfig);
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
    Path run = request.runDirectory();
    boolean existing = RunDirectory.prepare(run, runConfig, stream.directory());
    TrainCheckpoint.deleteUnfinished(run);
    ResumeState.deleteUnfinished(run);
    try (GptModel model = GptModel.create(modelConfig, runConfig.train().seed(), device)) {
      AdamW optimizer = new AdamW(model.parameterArrays(), runConfig.train(), model.manager());
      return new TrainingRun(request, observer, stream, runConfig, model, optimizer)
          .train(existing, startNanos);
    }
  }

  public static RunConfig readRunConfig(Path configFile) {
    try {
      return JSON.readValue(configFile.toFile(), RunConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(configFile, 0, "cannot read run config: " + e.getMessage(), e);
    }
  }
}
