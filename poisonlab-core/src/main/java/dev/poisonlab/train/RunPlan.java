/*
 * The plan of a training run, settled before anything is written: the request's defaults resolved (steps =
 * the data's token budget / tokens per step, the preset's learning rate, checkpoints every 5%), the stream
 * summarised with its manifest's SHA-256, and a continued run's parent checkpoint checked. This is what
 * config.json records; Trainer compares it with an existing run's. Not the run directory itself.
 */
package dev.poisonlab.train;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.ModelPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class RunPlan {
  private RunPlan() {}

  /**
   * Resolves defaults: steps = the data's token budget / tokens per step, checkpoints every 5%;
   * checks and describes the parent checkpoint of a continued run.
   */
  static RunConfig of(
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
