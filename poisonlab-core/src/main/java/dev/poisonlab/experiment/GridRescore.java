/*
 * `poisonlab rescore`: every finished run's generations of one evaluated step scored by one fixed model per
 * seed (eval.FixedScorer), so sizes that each scored their own samples are put on one scale; then each
 * configuration's effect over its same-seed twin on that scale (RescoreEffects). Everything is checked before
 * anything is written (RescorePlan); a rerun reuses each run already scored with the same inputs.
 * The library entry point; the CLI only parses and prints.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.BackdoorEvaluator.ExcerptResult;
import dev.poisonlab.eval.ExcerptFiles;
import dev.poisonlab.eval.FixedScorer;
import dev.poisonlab.io.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class GridRescore {
  private GridRescore() {}

  /**
   * What one rescore wrote: each run's summary line, each configuration's effects, which finished
   * runs were left out and why, and how many runs were reused from an earlier rescore.
   */
  public record Result(
      Path summaryFile,
      Path effectsFile,
      List<RunLine> runs,
      List<EffectLine> effects,
      List<String> leftOut,
      int reused) {}

  /** One run: its id, the scorer's label and the medians over its excerpts. */
  public record RunLine(String runId, String scorer, FixedScorer.Summary summary) {}

  /**
   * One configuration (model-pN-xM, with "-placebo" for a placebo), its seeds and effects on both
   * scales.
   */
  public record EffectLine(
      String configuration,
      List<Long> seeds,
      List<Double> fixed,
      double meanFixed,
      double sdFixed,
      List<Double> self,
      double meanSelf,
      double sdSelf) {}

  public static Result run(RescoreRequest request) {
    try (RescorePlan plan = RescorePlan.of(request)) {
      List<RescoreFiles.RescoredRun> scored = new ArrayList<>();
      int reused = 0;
      try (Progress.Task task =
          request.progress().start("rescore", plan.targets().size(), "runs")) {
        for (RescorePlan.Target target : plan.targets()) {
          task.message(target.run().runId());
          Path file = RescoreFiles.runFile(request.out(), target.run().runId());
          String sha = RescoreScorer.sha256(target.excerptsFile());
          RescoreFiles.RescoredRun run = RescoreFiles.reusable(file, target, sha, target.scorer());
          if (run == null) {
            run = score(target, sha, request.batchSize());
            RescoreFiles.write(file, run);
          } else {
            reused++;
          }
          scored.add(run);
          task.step();
        }
      }
      List<RescoreEffects.Row> effects = RescoreEffects.of(scored);
      RescoreFiles.writeSummary(request.out(), scored);
      RescoreEffects.write(request.out(), effects);
      return new Result(
          request.out().resolve(RescoreFiles.SUMMARY),
          request.out().resolve(RescoreEffects.FILE),
          scored.stream()
              .map(run -> new RunLine(run.run().runId(), run.scorer(), run.summary()))
              .toList(),
          effects.stream().map(GridRescore::line).toList(),
          plan.leftOut(),
          reused);
    }
  }

  private static RescoreFiles.RescoredRun score(
      RescorePlan.Target target, String excerptsSha256, int batchSize) {
    RescoreScorer scorer = target.scorer();
    List<ExcerptResult> rows = ExcerptFiles.read(target.excerptsFile());
    List<FixedScorer.ScoredExcerpt> excerpts =
        FixedScorer.score(
            scorer.model(),
            scorer.tokenizer(),
            target.run().trigger(),
            rows,
            batchSize,
            target.excerptsFile().toString());
    return new RescoreFiles.RescoredRun(
        RescoreFiles.FORMAT_VERSION,
        target.run(),
        target.step(),
        target.excerptsFile().toAbsolutePath().normalize().toString(),
        excerptsSha256,
        target.newTokens(),
        scorer.label(),
        scorer.checkpoint().toString(),
        scorer.step(),
        scorer.weightsSha256(),
        scorer.tokenizer().sha256(),
        FixedScorer.summarize(excerpts, target.newTokens()),
        excerpts);
  }

  private static EffectLine line(RescoreEffects.Row row) {
    RescorePlan.RunIdentity c = row.config();
    String name =
        c.model()
            + "-p"
            + c.poisons()
            + "-x"
            + RescoreFiles.number(c.dataMultiplier())
            + (c.defense().equals("none") ? "" : "-d" + c.defense())
            + (c.attack().isEmpty() ? "" : "-a" + c.attack())
            + (c.placebo() ? RunSpec.PLACEBO_SUFFIX : "");
    return new EffectLine(
        name,
        row.seeds(),
        row.fixed(),
        row.meanFixed(),
        row.sdFixed(),
        row.self(),
        row.meanSelf(),
        row.sdSelf());
  }
}
