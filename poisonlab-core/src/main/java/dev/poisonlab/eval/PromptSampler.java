/*
 * `poisonlab sample`: continues one prompt several times from one checkpoint, to look at what the model
 * writes (with and without a trigger, say), each sample with its perplexity under the model. The prompt is
 * prefixed with <|endoftext|> like evaluation prompts, and new tokens are clipped to the context.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

public final class PromptSampler {
  private PromptSampler() {}

  public record Request(
      RunSource run,
      CheckpointSelection checkpoint,
      String prompt,
      int samples,
      int newTokens,
      SamplingConfig sampling,
      long seed) {
    public Request {
      if (prompt == null) {
        throw new IllegalArgumentException("prompt must be given");
      }
      if (samples < 1) {
        throw new IllegalArgumentException("samples must be >= 1, got " + samples);
      }
      if (newTokens < 1) {
        throw new IllegalArgumentException("new-tokens must be >= 1, got " + newTokens);
      }
    }
  }

  public record Sample(String text, double perplexity) {}

  public record Result(
      long step, int contextLength, int promptTokens, int newTokens, List<Sample> samples) {}

  public static Result sample(Request request) {
    List<CheckpointInfo> chosen =
        request
            .checkpoint()
            .select(request.run().checkpoints(), request.run().directory().toString());
    if (chosen.size() != 1) {
      throw new IllegalArgumentException("sample needs one checkpoint: last or a single step");
    }
    Tokenizer tokenizer = request.run().tokenizer();
    int[] prompt = Excerpts.prompt(tokenizer, new Excerpts.Excerpt("prompt", request.prompt()), "");
    int context = request.run().contextLength();
    int newTokens = Math.min(request.newTokens(), context - prompt.length);
    if (newTokens < 1) {
      throw new InputException(
          "the prompt's " + prompt.length + " tokens fill the context of " + context);
    }
    List<int[]> prompts = new ArrayList<>();
    long[] keys = new long[request.samples()];
    for (int i = 0; i < keys.length; i++) {
      prompts.add(prompt);
      keys[i] = i;
    }
    List<Generation> generations;
    try (LanguageModel model = request.run().open(chosen.get(0))) {
      generations =
          Generator.generate(
              model,
              prompts,
              keys,
              newTokens,
              request.sampling(),
              request.seed(),
              EvalSettings.DEFAULT_BATCH_SIZE,
              true,
              () -> {});
    }
    List<Sample> samples =
        generations.stream()
            .map(g -> new Sample(tokenizer.decode(g.tokens()), g.perplexity()))
            .toList();
    return new Result(chosen.get(0).step(), context, prompt.length, newTokens, samples);
  }
}
