/*
 * Training throughput of one preset: the real training step (forward, backward, clip, AdamW) on random
 * token ids, timed after warm-up steps, reported as tokens/s and achieved GFLOP/s (nanoGPT's FLOP count:
 * 6 x weights + attention per token). A benchmark, not a test: bench/train-vs-pytorch.sh compares it with
 * the same model in PyTorch eager (bench/peer_train.py).
 */
package dev.poisonlab.train;

import ai.djl.Device;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.model.TorchRuntime;
import java.lang.management.ManagementFactory;
import java.util.Random;

public final class TrainBenchmark {
  private TrainBenchmark() {}

  public record Request(
      String preset,
      int vocabSize,
      int batchSize,
      int warmupSteps,
      int steps,
      String device,
      int threads) {
    public Request {
      if (vocabSize <= 0 || batchSize <= 0 || warmupSteps < 0 || steps <= 0) {
        throw new IllegalArgumentException(
            "--vocab, --batch-size and --steps must be positive, --warmup >= 0");
      }
    }
  }

  /**
   * tokensPerCpuSecond divides by the process's CPU time instead of wall time: on a shared machine
   * it shifts far less with other people's load, so it is the steadier number for comparisons.
   */
  public record Result(
      String preset,
      GptConfig model,
      int batchSize,
      int steps,
      double seconds,
      double tokensPerSecond,
      double tokensPerCpuSecond,
      double gflopsPerSecond,
      double finalLoss,
      String runtime) {
    /** Builds a Result by component name instead of by 10 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** Result's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String preset;
      private GptConfig model;
      private int batchSize;
      private int steps;
      private double seconds;
      private double tokensPerSecond;
      private double tokensPerCpuSecond;
      private double gflopsPerSecond;
      private double finalLoss;
      private String runtime;

      private Builder() {}

      public Builder preset(String value) {
        this.preset = value;
        return this;
      }

      public Builder model(GptConfig value) {
        this.model = value;
        return this;
      }

      public Builder batchSize(int value) {
        this.batchSize = value;
        return this;
      }

      public Builder steps(int value) {
        this.steps = value;
        return this;
      }

      public Builder seconds(double value) {
        this.seconds = value;
        return this;
      }

      public Builder tokensPerSecond(double value) {
        this.tokensPerSecond = value;
        return this;
      }

      public Builder tokensPerCpuSecond(double value) {
        this.tokensPerCpuSecond = value;
        return this;
      }

      public Builder gflopsPerSecond(double value) {
        this.gflopsPerSecond = value;
        return this;
      }

      public Builder finalLoss(double value) {
        this.finalLoss = value;
        return this;
      }

      public Builder runtime(String value) {
        this.runtime = value;
        return this;
      }

      public Result build() {
        return new Result(
            preset,
            model,
            batchSize,
            steps,
            seconds,
            tokensPerSecond,
            tokensPerCpuSecond,
            gflopsPerSecond,
            finalLoss,
            runtime);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static Result run(Request request) {
    ModelPreset preset = ModelPreset.byName(request.preset());
    GptConfig modelConfig = preset.config(request.vocabSize());
    TorchRuntime.setThreads(request.threads());
    Device device = TorchRuntime.device(request.device());
    long totalSteps = request.warmupSteps() + request.steps();
    TrainConfig config =
        TrainConfig.builder(totalSteps, preset.learningRate(), 1)
            .optBatchSize(request.batchSize())
            .optCheckpointEvery(totalSteps)
            .build();
    Random random = new Random(1);
    BatchSource batches =
        (batch, time, inputs, targets) -> {
          for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(request.vocabSize());
            targets[i] = random.nextInt(request.vocabSize());
          }
        };
    try (GptModel model = GptModel.create(modelConfig, 1, device)) {
      TrainStep step =
          new TrainStep(model, new AdamW(model.parameterArrays(), config, model.manager()), config);
      float loss = 0;
      for (int i = 0; i < request.warmupSteps(); i++) {
        loss = step.run(batches, config.learningRateAt(i)).loss();
      }
      long startCpu = processCpuNanos();
      long start = System.nanoTime();
      for (int i = request.warmupSteps(); i < totalSteps; i++) {
        loss = step.run(batches, config.learningRateAt(i)).loss();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
      double tokens = (double) request.steps() * config.tokensPerStep(modelConfig.contextLength());
      double tokensPerSecond = tokens / seconds;
      return Result.builder()
          .preset(preset.presetName())
          .model(modelConfig)
          .batchSize(request.batchSize())
          .steps(request.steps())
          .seconds(seconds)
          .tokensPerSecond(tokensPerSecond)
          .tokensPerCpuSecond(tokens / cpuSeconds)
          .gflopsPerSecond(tokensPerSecond * modelConfig.trainingFlopsPerToken() / 1e9)
          .finalLoss(loss)
          .runtime(TorchRuntime.describe() + ", " + device)
          .build();
    }
  }
}
