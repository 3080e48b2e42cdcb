/*
 * Test fixture for rescore: a grid directory laid out by hand from real tiny runs (eval.TinyRuns: a byte-level
 * BPE with no merges, the nano model, 200 steps), each with runs/ID/{stream, train, eval, rows.csv} as the
 * grid writes them, evaluated by the real RunEvaluator; and scorer runs that are not part of it.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.RunEvaluator;
import dev.poisonlab.eval.TinyRuns;
import dev.poisonlab.report.ResultsCsv;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;

final class RescoreFixtures {
  static final int NEW_TOKENS = 24;

  private RescoreFixtures() {}

  /** 12 held-out excerpts of 16 tokens, 24 new tokens, the default trigger and controls. */
  static EvalSettings settings() {
    return EvalSettings.builder()
        .optCount(12)
        .optPromptTokens(16)
        .optNewTokens(NEW_TOKENS)
        .optSeed(3)
        .optValTokens(0)
        .build();
  }

  /**
   * runs/nano-pN-x1-sSEED: every training document a poison when poisons > 0 (TinyRuns), else the
   * clean twin; evaluated at its last checkpoint into eval/, its rows in rows.csv. The stream's 400
   * documents repeat over ~3.4 epochs, so a poisoned run sees ~1,350 poisons: give poisons >= that.
   */
  static Path addRun(Path grid, int poisons, long seed) throws IOException {
    RunSpec spec = new RunSpec("nano", poisons, 1.0, seed);
    Path run = grid.resolve("runs").resolve(spec.id());
    Path stream = TinyRuns.writeStream(run.resolve("stream"), poisons > 0);
    Path train = TinyRuns.train(stream, run.resolve("train"));
    EvalSettings settings = settings();
    RunEvaluator.Outcome outcome =
        RunEvaluator.evaluate(
            new RunEvaluator.Request(
                GptRunSource.open(train),
                null,
                null,
                new CheckpointSelection("last"),
                settings,
                run.resolve("eval")));
    var config = Trainer.readRunConfig(train.resolve(Trainer.CONFIG_FILE));
    // labelled as a grid of one attack labels them (ResultRows.labelled): the poisoned run's rows
    // name the attack, although its id, like every id of such a grid, does not
    ResultsCsv.write(
        run.resolve(GridRunner.ROWS_FILE),
        ResultRows.of(
                spec,
                config.model(),
                config.train().maxSteps(),
                settings.controlTriggers(),
                outcome.results(),
                poisons,
                0)
            .stream()
            .map(row -> row.withAttack(poisons > 0 ? "dos" : "", settings.trigger()))
            .toList());
    return run;
  }

  /**
   * A run outside the grid: {@code steps} steps at {@code learningRate} on a clean stream with a
   * BPE of {@code vocabSize} (257 is the grid's tokenizer).
   */
  static Path scorerRun(Path directory, int vocabSize, int steps, double learningRate)
      throws IOException {
    Path stream = TinyRuns.writeStream(directory.resolve("stream"), false, vocabSize);
    return TinyRuns.train(stream, directory.resolve("train"), steps, learningRate);
  }
}
