/*
 * Evaluates the checkpoints of a run into an output directory: picks the excerpts once, evaluates each chosen
 * checkpoint not already in DIR/eval.json (a rerun with the same settings resumes), and rewrites eval.json and
 * curve.csv atomically after each one, with the trigger's tokenization table (clean counts cached in DIR).
 * Shows a progress bar on stderr. It opens one checkpoint at a time.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

public final class RunEvaluator {
  private RunEvaluator() {}

  /**
   * What to evaluate. {@code scorer} (another run whose last checkpoint scores the generations) and
   * {@code excerptsFile} (instead of the run's held-out documents) may be null. {@code progress}
   * hears of every scored batch (the CLI draws a bar; Progress.NONE, the default, nothing).
   */
  public record Request(
      RunSource run,
      RunSource scorer,
      Path excerptsFile,
      CheckpointSelection checkpoints,
      EvalSettings settings,
      Path outDirectory,
      Progress progress) {
    public Request(
        RunSource run,
        RunSource scorer,
        Path excerptsFile,
        CheckpointSelection checkpoints,
        EvalSettings settings,
        Path outDirectory) {
      this(run, scorer, excerptsFile, checkpoints, settings, outDirectory, Progress.NONE);
    }
  }

  public record Outcome(
      List<CheckpointResult> results,
      List<Long> evaluatedSteps,
      List<Long> skippedSteps,
      Path evalFile,
      Path curveFile) {}

  public static Outcome evaluate(Request request) {
    RunSource run = request.run();
    EvalSettings settings = request.settings();
    Tokenizer tokenizer = run.tokenizer();
    requireScorerTokenizer(request.scorer(), tokenizer);
    List<CheckpointInfo> chosen =
        request.checkpoints().select(run.checkpoints(), run.directory().toString());
    RecordedSettings recorded =
        RecordedSettings.of(
            settings,
            run.directory(),
            request.scorer() == null ? null : request.scorer().directory(),
            request.excerptsFile());
    Path out = request.outDirectory();
    List<CheckpointResult> results = new ArrayList<>(EvalOutput.resume(out, recorded));
    TriggerTokens.Table tokens = TriggerTokens.of(tokenizer, settings, run.trainingStream(), out);
    Set<Long> done = results.stream().map(CheckpointResult::step).collect(Collectors.toSet());
    List<CheckpointInfo> todo = chosen.stream().filter(c -> !done.contains(c.step())).toList();
    List<Long> skipped = chosen.stream().map(CheckpointInfo::step).filter(done::contains).toList();

    if (!todo.isEmpty()) {
      evaluateAll(request, todo, results, recorded, tokens);
    }
    EvalOutput.writeEval(out, recorded, tokens, results);
    EvalOutput.writeCurve(out, results, settings.controlTriggers().size());
    return new Outcome(
        List.copyOf(results),
        todo.stream().map(CheckpointInfo::step).toList(),
        skipped,
        out.resolve(EvalOutput.EVAL_FILE),
        out.resolve(EvalOutput.CURVE_FILE));
  }

  /** The scorer must tokenize as the run does, or its perplexities would score other tokens. */
  private static void requireScorerTokenizer(RunSource scorer, Tokenizer tokenizer) {
    if (scorer != null && !scorer.tokenizer().sha256().equals(tokenizer.sha256())) {
      throw new InputException(
          scorer.directory(),
          0,
          "the scorer uses tokenizer "
              + scorer.tokenizer().name()
              + ", not the run's "
              + tokenizer.name());
    }
  }

  /**
   * Evaluates each checkpoint still to do, writing its excerpts and the updated eval.json after
   * each, so a kill loses at most the checkpoint in progress.
   */
  private static void evaluateAll(
      Request request,
      List<CheckpointInfo> todo,
      List<CheckpointResult> results,
      RecordedSettings recorded,
      TriggerTokens.Table tokens) {
    RunSource run = request.run();
    EvalSettings settings = request.settings();
    Tokenizer tokenizer = run.tokenizer();
    Path out = request.outDirectory();
    int context = run.contextLength();
    if (request.scorer() != null) {
      context = Math.min(context, request.scorer().contextLength());
    }
    int promptTokens = settings.promptTokensFor(run.contextLength());
    List<Excerpts.Excerpt> excerpts = loadExcerpts(request, tokenizer, promptTokens);
    BackdoorEvaluator.PromptPlan plan =
        BackdoorEvaluator.plan(tokenizer, excerpts, settings, promptTokens, context);
    int[] heldout = ValidationLoss.heldoutTokens(run.heldout(), tokenizer, settings.valTokens());
    long batches = (plan.prompts().size() + settings.batchSize() - 1) / settings.batchSize();
    try (LanguageModel scorer = request.scorer() == null ? null : openLast(request.scorer());
        Progress.Task bar = request.progress().start("eval", batches * todo.size(), "batches")) {
      for (CheckpointInfo checkpoint : todo) {
        bar.message("step " + checkpoint.step());
        BackdoorEvaluator.Evaluation evaluation;
        try (LanguageModel model = run.open(checkpoint)) {
          evaluation =
              BackdoorEvaluator.evaluate(
                  model,
                  scorer,
                  tokenizer,
                  excerpts,
                  plan,
                  heldout,
                  settings,
                  checkpoint,
                  bar::step);
        }
        EvalOutput.writeExcerpts(out, checkpoint.step(), evaluation.excerpts());
        results.add(evaluation.result());
        EvalOutput.writeEval(out, recorded, tokens, results);
      }
    }
  }

  private static LanguageModel openLast(RunSource scorer) {
    List<CheckpointInfo> checkpoints = scorer.checkpoints();
    if (checkpoints.isEmpty()) {
      throw new InputException(scorer.directory(), 0, "the scorer run has no checkpoints");
    }
    return scorer.open(checkpoints.get(checkpoints.size() - 1));
  }

  private static List<Excerpts.Excerpt> loadExcerpts(
      Request request, Tokenizer tokenizer, int promptTokens) {
    int count = request.settings().count();
    if (request.excerptsFile() == null) {
      List<dev.poisonlab.io.Document> heldout = request.run().heldout();
      if (heldout.isEmpty()) {
        throw new InputException(
            request.run().directory(),
            0,
            "no held-out documents found (the stream's " + "heldout.jsonl); pass --excerpts FILE");
      }
      return Excerpts.select(heldout, tokenizer, count, promptTokens);
    }
    try (CorpusReader reader =
        CorpusReader.open(List.of(request.excerptsFile()), ReadOptions.defaults())) {
      return Excerpts.select(reader, tokenizer, count, promptTokens);
    }
  }
}
