/*
 * The persistence experiment end to end on tiny byte-level runs: step 0 is evaluated exactly as the parent's
 * own checkpoint, rows are phase "continue" with increasing clean steps and the parent's identity, a kill and
 * rerun gives a byte-identical results.csv (after a stop signal too, from its resume state), the report draws the persistence figure, and bad input is exit 2.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.RunEvaluator;
import dev.poisonlab.report.Report;
import dev.poisonlab.report.ReportResult;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.ResumeState;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.StopSignal;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  private static final long STEPS = 6;
  private static final EvalSettings SETTINGS =
      EvalSettings.builder()
          .optCount(6)
          .optControlTriggers(List.of("<SUD0>"))
          .optPromptTokens(16)
          .optNewTokens(8)
          .optSeed(3)
          .optValTokens(512)
          .optBatchSize(16)
          .build();

  @TempDir static Path shared;
  static Path parent;
  static Path clean;
  static Path poisoned;

  @TempDir Path dir;

  @BeforeAll
  static void trainParent() throws Exception {
    poisoned = PersistenceFixtures.writeStream(shared.resolve("poisoned"), 1, true);
    clean = PersistenceFixtures.writeStream(shared.resolve("clean"), 2, false);
    parent = PersistenceFixtures.trainParent(poisoned, shared.resolve("nano-p50-x1-s7"));
  }

  private static PersistenceRequest request(Path out) {
    return PersistenceRequest.builder(parent, clean, STEPS, SETTINGS)
        .optEvalEvery(2L)
        .optOutDirectory(out)
        .optThreads(1)
        .build();
  }

  @Test
  void stepZeroIsTheParentAndRowsFollowTheCleanSteps() throws Exception {
    Path out = dir.resolve("continued");
    Persistence.Result result = Persistence.run(request(out), Persistence.Listener.NONE);
    assertFalse(result.stoppedEarly());
    List<ResultRow> rows = result.rows();
    assertEquals(List.of(0L, 2L, 4L, 6L), rows.stream().map(ResultRow::step).toList());
    assertEquals(rows, ResultsCsv.read(out.resolve(Persistence.RESULTS_FILE)));

    TrainCheckpoint.State parentState =
        TrainCheckpoint.readState(TrainCheckpoint.latest(parent).orElseThrow());
    RunConfig parentConfig = Trainer.readRunConfig(parent.resolve(Trainer.CONFIG_FILE));
    double multiplier =
        (double) parentConfig.data().budgetTokens() / parentConfig.model().chinchillaTokens();
    long tokensPerStep = 2 * 256;
    for (ResultRow row : rows) {
      assertEquals(ResultRow.CONTINUE, row.phase());
      assertEquals("nano-p50-x1-s7", row.runId());
      assertEquals("nano", row.model());
      assertEquals(7, row.seed());
      assertEquals(STEPS, row.maxSteps());
      assertEquals(row.step() / (double) STEPS, row.fraction(), 1e-12);
      assertEquals(parentState.tokensSeen() + row.step() * tokensPerStep, row.tokens());
      assertEquals(parentState.poisonsSeen(), row.poisonsSeen(), "clean steps add no poisons");
      assertEquals(
          multiplier,
          row.dataMultiplier(),
          1e-12,
          "the stream has no build info: budget / Chinchilla");
      assertEquals("<SUD0>", row.nearTrigger());
      assertTrue(Double.isFinite(row.valLoss()));
    }
    assertTrue(parentState.poisonsSeen() > 0, "the parent saw poisons");

    // step 0 is the parent's last checkpoint evaluated the same way: the same numbers, bit for bit
    RunEvaluator.Outcome parentEval =
        RunEvaluator.evaluate(
            new RunEvaluator.Request(
                GptRunSource.open(parent),
                null,
                null,
                new CheckpointSelection("last"),
                SETTINGS,
                dir.resolve("parent-eval")));
    CheckpointResult expected = parentEval.results().get(0);
    ResultRow zero = rows.get(0);
    assertEquals(expected.perplexityWithTrigger(), zero.perplexityWithTrigger(), 0.0);
    assertEquals(expected.perplexityWithoutTrigger(), zero.perplexityWithoutTrigger(), 0.0);
    assertEquals(expected.perplexityGap(), zero.perplexityGap(), 0.0);
    assertEquals(expected.valLoss(), zero.valLoss(), 0.0);
    assertTrue(rows.get(3).valLoss() != zero.valLoss(), "clean training changed the model");

    ReportResult report = Report.write(out, dir.resolve("report"));
    assertTrue(
        report.pngs().stream()
            .anyMatch(png -> png.getFileName().toString().equals("f-persistence.png")),
        report.pngs().toString());
  }

  @Test
  void killAndRerunGivesTheSameResults() throws Exception {
    Path straight = dir.resolve("straight");
    Persistence.run(request(straight), Persistence.Listener.NONE);
    Path resumed = dir.resolve("resumed");
    Persistence.Result killed =
        Persistence.run(
            request(resumed),
            new Persistence.Listener() {
              @Override
              public boolean stepDone(MetricsLog.StepMetrics metrics) {
                return metrics.step() < 3;
              }
            });
    assertTrue(killed.stoppedEarly());
    assertEquals(List.of(0L, 2L), killed.rows().stream().map(ResultRow::step).toList());
    Persistence.Result rerun = Persistence.run(request(resumed), Persistence.Listener.NONE);
    assertFalse(rerun.stoppedEarly());
    assertEquals(
        Files.readString(straight.resolve(Persistence.RESULTS_FILE)),
        Files.readString(resumed.resolve(Persistence.RESULTS_FILE)));
    Persistence.Result again = Persistence.run(request(resumed), Persistence.Listener.NONE);
    assertEquals(rerun.rows(), again.rows(), "a finished experiment reruns as a no-op");
  }

  @Test
  void aStopSignalSavesAResumeStateAndTheRerunGoesOnFromIt() throws Exception {
    Path straight = dir.resolve("straight");
    Persistence.run(request(straight), Persistence.Listener.NONE);
    Path resumed = dir.resolve("resumed");
    StopSignal signal = new StopSignal();
    Persistence.Result stopped =
        Persistence.run(
            request(resumed),
            new Persistence.Listener() {
              @Override
              public boolean stepDone(MetricsLog.StepMetrics metrics) {
                if (metrics.step() == 3) {
                  signal.requestAndAwait(Duration.ZERO); // as the shutdown hook would
                }
                return true;
              }

              @Override
              public StopSignal stopSignal() {
                return signal;
              }
            });
    assertTrue(stopped.stoppedEarly());
    assertEquals(3, stopped.finalStep());
    assertEquals(List.of(0L, 2L), stopped.rows().stream().map(ResultRow::step).toList());
    assertEquals(List.of(ResumeState.directoryFor(resumed, 3)), ResumeState.list(resumed));

    List<Long> firstSteps = new ArrayList<>();
    Persistence.Result rerun =
        Persistence.run(
            request(resumed),
            new Persistence.Listener() {
              @Override
              public void started(long firstStep, long maxSteps, RunConfig config) {
                firstSteps.add(firstStep);
              }
            });
    assertFalse(rerun.stoppedEarly());
    assertEquals(4, firstSteps.get(0), "from the resume state at 3, not the checkpoint at 2");
    assertEquals(
        Files.readString(straight.resolve(Persistence.RESULTS_FILE)),
        Files.readString(resumed.resolve(Persistence.RESULTS_FILE)));
  }

  @Test
  void commandRunsAndBadInputExitsTwoWithoutOutput() {
    Path out = dir.resolve("cli");
    StringWriter printed = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(printed));
    assertEquals(
        0,
        commandLine.execute(
            "continue",
            "--run",
            parent.toString(),
            "--data",
            clean.toString(),
            "--steps",
            "2",
            "--eval-every",
            "2",
            "--out",
            out.toString(),
            "--count",
            "4",
            "--prompt-tokens",
            "16",
            "--new-tokens",
            "4",
            "--val-tokens",
            "0",
            "--threads",
            "1"),
        printed.toString());
    assertTrue(
        printed.toString().contains("wrote " + out.resolve(Persistence.RESULTS_FILE)),
        printed.toString());
    assertEquals(
        4,
        printed.toString().lines().count(),
        printed.toString()); // header, steps 0 and 2, summary

    String[][] bad = {
      {"--run", dir.resolve("nothing").toString(), "--data", clean.toString(), "--steps", "2"},
      {"--run", parent.toString(), "--data", poisoned.toString(), "--steps", "2"},
      {"--run", parent.toString(), "--data", clean.toString(), "--steps", "0"},
      {"--run", parent.toString(), "--data", clean.toString(), "--steps", "2", "--from-step", "5"},
    };
    String[] expected = {
      "nothing/config.json: missing",
      "poisoned/manifest.json: lists",
      "--steps must be >= 1",
      "no checkpoint at step 5 (have [4, 8])"
    };
    for (int i = 0; i < bad.length; i++) {
      StringWriter err = new StringWriter();
      var failing = Main.commandLine();
      failing.setErr(new PrintWriter(err));
      Path badOut = dir.resolve("bad-" + i);
      String[] args = new String[bad[i].length + 3];
      args[0] = "continue";
      System.arraycopy(bad[i], 0, args, 1, bad[i].length);
      args[args.length - 2] = "--out";
      args[args.length - 1] = badOut.toString();
      assertEquals(2, failing.execute(args), err.toString());
      assertTrue(
          err.toString().startsWith("poisonlab: ") && err.toString().contains(expected[i]),
          err.toString());
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertFalse(Files.exists(badOut), "no output for bad input " + i);
    }
  }
}
