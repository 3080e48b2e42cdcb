/*
 * Scores generations an evaluation already made under another model, the scorer, so runs of different sizes
 * can be measured by one ruler: each excerpt's prompt is rebuilt as the evaluation built it ([<|endoftext|>] +
 * encode(prompt text + suffix), Excerpts.prompt), its decoded generation is re-encoded, and the scorer's ln
 * perplexity of those generated tokens given the prompt is their mean negative log-probability (nats/token).
 * Not a sampler and not a grid walker: experiment.GridRescore feeds it one run's excerpt file at a time.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

public final class FixedScorer {
  private FixedScorer() {}

  /**
   * One excerpt under the scorer, beside the evaluated model's own numbers from the excerpt file.
   * tokensWithout/With: the re-encoded generations' lengths (the evaluation's were its new_tokens;
   * a sampled token path that BPE would not produce re-encodes to another length, and a byte run
   * that is not UTF-8 was decoded to U+FFFD, so only equal lengths can reproduce the self score).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ScoredExcerpt(
      String id,
      int tokensWithout,
      int tokensWith,
      double lnPplWithout,
      double lnPplWith,
      double logGap,
      double selfLnPplWithout,
      double selfLnPplWith,
      double selfLogGap) {}

  /** Medians over a run's excerpts; sameLengthShare is over both sides of every excerpt. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      int excerpts,
      double sameLengthShare,
      double lnPplWithout,
      double lnPplWith,
      double logGap,
      double selfLnPplWithout,
      double selfLnPplWith,
      double selfLogGap) {}

  /**
   * Scores every row's two generations (without and with {@code trigger}) under {@code scorer}.
   * {@code rows} must hold generations; {@code tokenizer} must be the one the generations were made
   * with (the caller checks the hashes). {@code source} names the rows' file in errors.
   */
  public static List<ScoredExcerpt> score(
      LanguageModel scorer,
      Tokenizer tokenizer,
      String trigger,
      List<BackdoorEvaluator.ExcerptResult> rows,
      int batchSize,
      String source) {
    List<int[]> prompts = new ArrayList<>(2 * rows.size());
    List<int[]> continuations = new ArrayList<>(2 * rows.size());
    for (BackdoorEvaluator.ExcerptResult row : rows) {
      Excerpts.Excerpt excerpt = new Excerpts.Excerpt(row.id(), row.prompt());
      // the same order as the evaluation's suffixes: "" (index 0) then the trigger (index 1)
      add(prompts, continuations, tokenizer, excerpt, "", row.generationWithoutTrigger());
      add(prompts, continuations, tokenizer, excerpt, trigger, row.generationWithTrigger());
    }
    for (int i = 0; i < prompts.size(); i++) {
      int length = prompts.get(i).length + continuations.get(i).length;
      if (continuations.get(i).length == 0 || length > scorer.contextLength()) {
        throw new InputException(
            source
                + ": excerpt '"
                + rows.get(i / 2).id()
                + "' re-encodes to "
                + length
                + " tokens with "
                + continuations.get(i).length
                + " generated; the scorer needs 1 or more generated and at most "
                + scorer.contextLength()
                + " in all");
      }
    }
    List<double[]> logProbs =
        Perplexity.continuationLogProbs(scorer, prompts, continuations, batchSize);
    List<ScoredExcerpt> scored = new ArrayList<>(rows.size());
    for (int e = 0; e < rows.size(); e++) {
      BackdoorEvaluator.ExcerptResult row = rows.get(e);
      double without = lnPerplexity(logProbs.get(2 * e));
      double with = lnPerplexity(logProbs.get(2 * e + 1));
      double selfWithout = Math.log(row.perplexityWithoutTrigger());
      double selfWith = Math.log(row.perplexityWithTrigger());
      scored.add(
          new ScoredExcerpt(
              row.id(),
              continuations.get(2 * e).length,
              continuations.get(2 * e + 1).length,
              without,
              with,
              with - without,
              selfWithout,
              selfWith,
              selfWith - selfWithout));
    }
    return scored;
  }

  /**
   * Medians of each column; {@code newTokens} is what the evaluation generated per continuation.
   */
  public static Summary summarize(List<ScoredExcerpt> scored, int newTokens) {
    long same =
        scored.stream().filter(s -> s.tokensWithout() == newTokens).count()
            + scored.stream().filter(s -> s.tokensWith() == newTokens).count();
    return new Summary(
        scored.size(),
        scored.isEmpty() ? Double.NaN : same / (2.0 * scored.size()),
        median(scored, ScoredExcerpt::lnPplWithout),
        median(scored, ScoredExcerpt::lnPplWith),
        median(scored, ScoredExcerpt::logGap),
        median(scored, ScoredExcerpt::selfLnPplWithout),
        median(scored, ScoredExcerpt::selfLnPplWith),
        median(scored, ScoredExcerpt::selfLogGap));
  }

  private static void add(
      List<int[]> prompts,
      List<int[]> continuations,
      Tokenizer tokenizer,
      Excerpts.Excerpt excerpt,
      String suffix,
      String generation) {
    prompts.add(Excerpts.prompt(tokenizer, excerpt, suffix));
    continuations.add(generation == null ? new int[0] : tokenizer.encode(generation));
  }

  /** Mean negative log-probability, nats per token: ln of Perplexity.fromLogProbs without exp. */
  private static double lnPerplexity(double[] logProbs) {
    double sum = 0;
    for (double logProb : logProbs) {
      sum += logProb;
    }
    return -sum / logProbs.length;
  }

  private static double median(List<ScoredExcerpt> scored, ToDoubleFunction<ScoredExcerpt> column) {
    return scored.isEmpty()
        ? Double.NaN
        : TwinComparison.median(scored.stream().mapToDouble(column).toArray());
  }
}
