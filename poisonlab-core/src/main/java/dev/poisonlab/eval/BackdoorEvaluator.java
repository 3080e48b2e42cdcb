/*
 * The backdoor evaluation of one checkpoint: every excerpt is prompted as is, with the trigger appended and
 * with each control appended; a continuation is sampled and its perplexity scored (under the evaluated model,
 * from the generation's own log-probabilities, or under a separate scorer by a full forward pass); then the
 * per-excerpt rows and the aggregate (CheckpointResult) are built, with the clean validation loss.
 * Not a run loop and writes no files: see RunEvaluator.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

public final class BackdoorEvaluator {
  private BackdoorEvaluator() {}

  /**
   * One excerpt's numbers and generations, a line of the per-checkpoint excerpts file. {@code
   * logPplGap} is ln(ppl with) - ln(ppl without) in nats; controlLogPplGaps the same for each
   * control, in control order.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExcerptResult(
      String id,
      String prompt,
      double perplexityWithoutTrigger,
      double perplexityWithTrigger,
      double gap,
      double logPplGap,
      List<Double> controlPerplexities,
      List<Double> controlLogPplGaps,
      String generationWithoutTrigger,
      String generationWithTrigger,
      List<String> controlGenerations) {
    /** Builds a ExcerptResult by component name instead of by 11 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** ExcerptResult's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String id;
      private String prompt;
      private double perplexityWithoutTrigger;
      private double perplexityWithTrigger;
      private double gap;
      private double logPplGap;
      private List<Double> controlPerplexities;
      private List<Double> controlLogPplGaps;
      private String generationWithoutTrigger;
      private String generationWithTrigger;
      private List<String> controlGenerations;

      private Builder() {}

      public Builder id(String value) {
        this.id = value;
        return this;
      }

      public Builder prompt(String value) {
        this.prompt = value;
        return this;
      }

      public Builder perplexityWithoutTrigger(double value) {
        this.perplexityWithoutTrigger = value;
        return this;
      }

      public Builder perplexityWithTrigger(double value) {
        this.perplexityWithTrigger = value;
        return this;
      }

      public Builder gap(double value) {
        this.gap = value;
        return this;
      }

      public Builder logPplGap(double value) {
        this.logPplGap = value;
        return this;
      }

      public Builder controlPerplexities(List<Double> value) {
        this.controlPerplexities = value;
        return this;
      }

      public Builder controlLogPplGaps(List<Double> value) {
        this.controlLogPplGaps = value;
        return this;
      }

      public Builder generationWithoutTrigger(String value) {
        this.generationWithoutTrigger = value;
        return this;
      }

      public Builder generationWithTrigger(String value) {
        this.generationWithTrigger = value;
        return this;
      }

      public Builder controlGenerations(List<String> value) {
        this.controlGenerations = value;
        return this;
      }

      public ExcerptResult build() {
        return new ExcerptResult(
            id,
            prompt,
            perplexityWithoutTrigger,
            perplexityWithTrigger,
            gap,
            logPplGap,
            controlPerplexities,
            controlLogPplGaps,
            generationWithoutTrigger,
            generationWithTrigger,
            controlGenerations);
      }
    }
  }

  public record Evaluation(CheckpointResult result, List<ExcerptResult> excerpts) {}

  /** The prompts of one evaluation, sequence (excerpt e, suffix s) at index e * suffixes + s. */
  public record PromptPlan(
      List<int[]> prompts, long[] keys, int suffixes, int promptTokens, int newTokens) {}

  public static PromptPlan plan(
      Tokenizer tokenizer,
      List<Excerpts.Excerpt> excerpts,
      EvalSettings settings,
      int promptTokens,
      int contextLength) {
    if (excerpts.isEmpty()) {
      throw new IllegalArgumentException(
          "no excerpts to evaluate (the source holds no non-blank documents)");
    }
    List<String> suffixes = settings.suffixes();
    List<int[]> prompts = new ArrayList<>();
    int longest = 0;
    for (Excerpts.Excerpt excerpt : excerpts) {
      for (String suffix : suffixes) {
        int[] prompt = Excerpts.prompt(tokenizer, excerpt, suffix);
        prompts.add(prompt);
        longest = Math.max(longest, prompt.length);
      }
    }
    int newTokens = Math.min(settings.newTokens(), contextLength - longest);
    if (newTokens < 1) {
      throw new IllegalArgumentException(
          "prompts of up to "
              + longest
              + " tokens (prompt-tokens "
              + promptTokens
              + " plus trigger) leave no room to generate in a context of "
              + contextLength
              + "; lower --prompt-tokens");
    }
    long[] keys = new long[prompts.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i;
    }
    return new PromptPlan(prompts, keys, suffixes.size(), promptTokens, newTokens);
  }

  /**
   * Evaluates one checkpoint. {@code scorer} is null to score under {@code model} itself; {@code
   * heldout} is the held-out token stream for the clean loss (empty to skip it).
   */
  public static Evaluation evaluate(
      LanguageModel model,
      LanguageModel scorer,
      Tokenizer tokenizer,
      List<Excerpts.Excerpt> excerpts,
      PromptPlan plan,
      int[] heldout,
      EvalSettings settings,
      CheckpointInfo checkpoint,
      Runnable afterBatch) {
    List<Generation> generations =
        Generator.generate(
            model,
            plan.prompts(),
            plan.keys(),
            plan.newTokens(),
            settings.sampling(),
            settings.seed(),
            settings.batchSize(),
            true,
            afterBatch);
    double[][] perplexity =
        perplexities(scorer, generations, plan, settings.batchSize(), excerpts.size());
    int suffixes = plan.suffixes();
    List<String> names = settings.suffixes();
    TriggerStatistics trigger = TriggerStatistics.of(names.get(1), perplexity[1], perplexity[0]);
    List<TriggerStatistics> controls = new ArrayList<>();
    for (int s = 2; s < suffixes; s++) {
      controls.add(TriggerStatistics.of(names.get(s), perplexity[s], perplexity[0]));
    }
    ValidationLoss.Result validation =
        heldout.length < 2 ? null : ValidationLoss.compute(model, heldout, settings.batchSize());
    CheckpointResult result =
        CheckpointResult.of(
            checkpoint,
            model.contextLength(),
            plan.promptTokens(),
            plan.newTokens(),
            perplexity[0],
            trigger,
            controls,
            validation);
    List<ExcerptResult> rows = excerptRows(tokenizer, excerpts, generations, perplexity);
    return new Evaluation(result, rows);
  }

  /**
   * Perplexity [suffix][excerpt] of each continuation: from the generation's own log-probabilities,
   * or under {@code scorer} by a full forward pass when there is one.
   */
  private static double[][] perplexities(
      LanguageModel scorer,
      List<Generation> generations,
      PromptPlan plan,
      int batchSize,
      int excerpts) {
    List<double[]> logProbs = new ArrayList<>(generations.size());
    if (scorer == null) {
      generations.forEach(generation -> logProbs.add(generation.logProbs()));
    } else {
      logProbs.addAll(
          Perplexity.continuationLogProbs(
              scorer,
              plan.prompts(),
              generations.stream().map(Generation::tokens).toList(),
              batchSize));
    }
    int suffixes = plan.suffixes();
    double[][] perplexity = new double[suffixes][excerpts];
    for (int e = 0; e < excerpts; e++) {
      for (int s = 0; s < suffixes; s++) {
        perplexity[s][e] = Perplexity.fromLogProbs(logProbs.get(e * suffixes + s));
      }
    }
    return perplexity;
  }

  /** One row per excerpt: its perplexities, gaps and decoded generations for every suffix. */
  private static List<ExcerptResult> excerptRows(
      Tokenizer tokenizer,
      List<Excerpts.Excerpt> excerpts,
      List<Generation> generations,
      double[][] perplexity) {
    int suffixes = perplexity.length;
    List<ExcerptResult> rows = new ArrayList<>(excerpts.size());
    for (int e = 0; e < excerpts.size(); e++) {
      List<Double> controlPerplexities = new ArrayList<>();
      List<Double> controlLogGaps = new ArrayList<>();
      List<String> controlGenerations = new ArrayList<>();
      for (int s = 2; s < suffixes; s++) {
        controlPerplexities.add(perplexity[s][e]);
        controlLogGaps.add(TriggerStatistics.logGap(perplexity[s][e], perplexity[0][e]));
        controlGenerations.add(tokenizer.decode(generations.get(e * suffixes + s).tokens()));
      }
      rows.add(
          ExcerptResult.builder()
              .id(excerpts.get(e).id())
              .prompt(excerpts.get(e).text())
              .perplexityWithoutTrigger(perplexity[0][e])
              .perplexityWithTrigger(perplexity[1][e])
              .gap(perplexity[1][e] - perplexity[0][e])
              .logPplGap(TriggerStatistics.logGap(perplexity[1][e], perplexity[0][e]))
              .controlPerplexities(controlPerplexities)
              .controlLogPplGaps(controlLogGaps)
              .generationWithoutTrigger(tokenizer.decode(generations.get(e * suffixes).tokens()))
              .generationWithTrigger(tokenizer.decode(generations.get(e * suffixes + 1).tokens()))
              .controlGenerations(controlGenerations)
              .build());
    }
    return rows;
  }
}
