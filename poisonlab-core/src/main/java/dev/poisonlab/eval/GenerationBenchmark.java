/*
 * Benchmark of KV-cached generation against full recompute (the peer): the same prompts, seed and sampling,
 * timed end to end (median of repeats after one warm-up each), and the two outputs compared token for token.
 * The model is a run's last checkpoint, or a freshly initialised preset (speed does not depend on the weights).
 */
package dev.poisonlab.eval;

import ai.djl.Device;
import dev.poisonlab.model.GptConfig;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.ModelPreset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

public final class GenerationBenchmark {
  private GenerationBenchmark() {}

  public record Request(
      RunSource run,
      String preset,
      int vocabSize,
      int batch,
      int promptTokens,
      int newTokens,
      int repeats,
      long seed) {
    public Request {
      if (batch < 1 || promptTokens < 1 || newTokens < 1 || repeats < 1) {
        throw new IllegalArgumentException(
            "batch, prompt-tokens, new-tokens and repeats must be >= 1");
      }
    }
  }

  public record Result(
      String model,
      long parameters,
      int contextLength,
      int batch,
      int promptTokens,
      int newTokens,
      double cachedSeconds,
      double recomputeSeconds,
      boolean sameTokens) {
    public double speedup() {
      return recomputeSeconds / cachedSeconds;
    }

    /** Builds a Result by component name instead of by 9 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** Result's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String model;
      private long parameters;
      private int contextLength;
      private int batch;
      private int promptTokens;
      private int newTokens;
      private double cachedSeconds;
      private double recomputeSeconds;
      private boolean sameTokens;

      private Builder() {}

      public Builder model(String value) {
        this.model = value;
        return this;
      }

      public Builder parameters(long value) {
        this.parameters = value;
        return this;
      }

      public Builder contextLength(int value) {
        this.contextLength = value;
        return this;
      }

      public Builder batch(int value) {
        this.batch = value;
        return this;
      }

      public Builder promptTokens(int value) {
        this.promptTokens = value;
        return this;
      }

      public Builder newTokens(int value) {
        this.newTokens = value;
        return this;
      }

      public Builder cachedSeconds(double value) {
        this.cachedSeconds = value;
        return this;
      }

      public Builder recomputeSeconds(double value) {
        this.recomputeSeconds = value;
        return this;
      }

      public Builder sameTokens(boolean value) {
        this.sameTokens = value;
        return this;
      }

      public Result build() {
        return new Result(
            model,
            parameters,
            contextLength,
            batch,
            promptTokens,
            newTokens,
            cachedSeconds,
            recomputeSeconds,
            sameTokens);
      }
    }
  }

  public static Result run(Request request) {
    try (LanguageModel model = open(request)) {
      if (request.promptTokens() + request.newTokens() > model.contextLength()) {
        throw new IllegalArgumentException(
            "prompt-tokens + new-tokens exceed the context of " + model.contextLength());
      }
      SplittableRandom random = new SplittableRandom(request.seed());
      List<int[]> prompts = new ArrayList<>();
      for (int i = 0; i < request.batch(); i++) {
        prompts.add(random.ints(request.promptTokens(), 0, model.vocabSize()).toArray());
      }
      long[] keys = new long[request.batch()];
      Arrays.setAll(keys, i -> i);
      List<List<Generation>> outputs = new ArrayList<>();
      double[] seconds = new double[2];
      for (int variant = 0; variant < 2; variant++) {
        boolean cached = variant == 0;
        double[] times = new double[request.repeats()];
        outputs.add(generate(model, prompts, keys, request, cached));
        for (int r = 0; r < times.length; r++) {
          long start = System.nanoTime();
          generate(model, prompts, keys, request, cached);
          times[r] = (System.nanoTime() - start) / 1e9;
        }
        seconds[variant] = TriggerStatistics.median(times);
      }
      boolean same = true;
      for (int i = 0; i < request.batch(); i++) {
        same &= Arrays.equals(outputs.get(0).get(i).tokens(), outputs.get(1).get(i).tokens());
      }
      String name = request.run() != null ? request.run().directory().toString() : request.preset();
      long parameters = request.run() != null ? -1 : config(request).parameterCount();
      return Result.builder()
          .model(name)
          .parameters(parameters)
          .contextLength(model.contextLength())
          .batch(request.batch())
          .promptTokens(request.promptTokens())
          .newTokens(request.newTokens())
          .cachedSeconds(seconds[0])
          .recomputeSeconds(seconds[1])
          .sameTokens(same)
          .build();
    }
  }

  private static List<Generation> generate(
      LanguageModel model, List<int[]> prompts, long[] keys, Request request, boolean cached) {
    return Generator.generate(
        model,
        prompts,
        keys,
        request.newTokens(),
        SamplingConfig.plain(),
        request.seed(),
        request.batch(),
        cached,
        () -> {});
  }

  private static GptConfig config(Request request) {
    return ModelPreset.byName(request.preset()).config(request.vocabSize());
  }

  private static LanguageModel open(Request request) {
    if (request.run() != null) {
      List<CheckpointInfo> checkpoints = request.run().checkpoints();
      if (checkpoints.isEmpty()) {
        throw new IllegalArgumentException(
            request.run().directory() + ": the run has no checkpoints");
      }
      return request.run().open(checkpoints.get(checkpoints.size() - 1));
    }
    return new GptLanguageModel(GptModel.create(config(request), request.seed(), Device.cpu()));
  }
}
