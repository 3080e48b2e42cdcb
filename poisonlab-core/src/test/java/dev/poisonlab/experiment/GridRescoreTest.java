/*
 * rescore against reference values, on a grid of two real tiny runs (an all-poison run and its clean twin):
 * a run scored by its own checkpoint reproduces its evaluation's per-excerpt scores (so the conditioning is
 * the evaluation's), the runs' own effect reproduces eval.ModelVerdict's, an untrained scorer puts uniform
 * random tokens at ln V, and a foreign tokenizer, a snapshot or a missing checkpoint is refused with no output.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.eval.BackdoorEvaluator.ExcerptResult;
import dev.poisonlab.eval.ExcerptFiles;
import dev.poisonlab.eval.FixedScorer;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.eval.ModelVerdict;
import dev.poisonlab.io.JsonlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridRescoreTest {
  @TempDir static Path temp;
  static Path grid;
  static Path twin;
  static Path poisoned;

  @BeforeAll
  static void layOutGrid() throws IOException {
    grid = temp.resolve("grid");
    twin = RescoreFixtures.addRun(grid, 0, 1);
    poisoned = RescoreFixtures.addRun(grid, 5000, 1);
  }

  private static Path lastCheckpoint(Path run) {
    return run.resolve("train/checkpoints/step-00000200");
  }

  private static GridRescore.Result rescore(Path scorer, Path out) {
    return GridRescore.run(RescoreRequest.builder(grid, out).optSeedScorer(1, scorer).build());
  }

  /**
   * (a) The key check: a run's own checkpoint re-scores its generations as its evaluation did. With
   * no merges a text has one tokenization, so a side that re-encodes to the generated length holds
   * the sampled tokens and must match to float precision; a side that does not (bytes that were not
   * UTF-8, decoded to U+FFFD: the poisoned run's gibberish) is only counted.
   */
  @Test
  void ownCheckpointReproducesTheEvaluationPerExcerpt() {
    for (Path run : List.of(twin, poisoned)) {
      Path out = temp.resolve("own-" + run.getFileName());
      rescore(lastCheckpoint(run), out);
      RescoreFiles.RescoredRun scored = read(out, run.getFileName().toString());
      int without = 0;
      int with = 0;
      for (FixedScorer.ScoredExcerpt e : scored.excerpts()) {
        if (e.tokensWithout() == RescoreFixtures.NEW_TOKENS) {
          assertEquals(e.selfLnPplWithout(), e.lnPplWithout(), 1e-4, e.id());
          without++;
        }
        if (e.tokensWith() == RescoreFixtures.NEW_TOKENS) {
          assertEquals(e.selfLnPplWith(), e.lnPplWith(), 1e-4, e.id());
          with++;
        }
        if (e.tokensWithout() == RescoreFixtures.NEW_TOKENS
            && e.tokensWith() == RescoreFixtures.NEW_TOKENS) {
          assertEquals(e.selfLogGap(), e.logGap(), 2e-4, e.id());
        }
      }
      // clean text round-trips (an end-of-text mid-generation too); gibberish, with bytes that are
      // not UTF-8, does not: on this machine the twin reproduces 12 + 7 sides (after the unseen
      // trigger it sometimes starts with such a byte), the all-poison run 8 + 0
      assertTrue(
          without >= (run == twin ? 12 : 6) && without + with >= (run == twin ? 16 : 6),
          run + ": " + without + " + " + with + " sides reproduced");
    }
    // the self columns are the evaluation's own numbers: its median log gap as rows.csv has it
    RescoreFiles.RescoredRun own = read(temp.resolve("own-" + twin.getFileName()), "nano-p0-x1-s1");
    ExcerptResult first = ExcerptFiles.read(Path.of(own.excerptsFile())).get(0);
    assertEquals(first.logPplGap(), own.excerpts().get(0).selfLogGap(), 1e-12);
  }

  /** effects.csv's own-scale effect is the grid's effects_nats, by eval.ModelVerdict itself. */
  @Test
  void ownScaleEffectIsTheVerdictsEffectAndTheFixedOneIsLarge() {
    GridRescore.Result result = rescore(lastCheckpoint(twin), temp.resolve("fixed-by-twin"));
    assertEquals(1, result.effects().size());
    GridRescore.EffectLine line = result.effects().get(0);
    assertEquals("nano-p5000-x1", line.configuration());
    ModelVerdict.Verdict verdict =
        ModelVerdict.decide(List.of(seedRun(poisoned)), List.of(seedRun(twin)));
    assertEquals(verdict.effects().get(0).effect(), line.self().get(0), 1e-9);
    // the poisoned run's gibberish is gibberish to a clean model too
    assertTrue(line.fixed().get(0) > 1.0, "fixed-scale effect " + line.fixed());
    assertTrue(Files.isRegularFile(result.summaryFile()));
  }

  /**
   * The command scores both runs; a rerun reuses each run scored with the same inputs (same files
   * byte for byte), and another scorer checkpoint scores them again.
   */
  @Test
  void commandScoresThenRerunReusesAndAnotherScorerRescores() throws IOException {
    Path out = temp.resolve("resume");
    StringWriter printed = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(printed));
    int exit =
        commandLine.execute(
            "rescore",
            "--grid",
            grid.toString(),
            "--scorer-for-seed",
            "1=" + lastCheckpoint(twin),
            "--out",
            out.toString(),
            "--no-progress");
    assertEquals(0, exit, printed.toString());
    assertTrue(printed.toString().contains("nano-p5000-x1 "), printed.toString());
    assertTrue(printed.toString().contains("scored 2 run(s), reused 0"), printed.toString());
    String before = Files.readString(out.resolve("effects.csv"));
    String runBefore = Files.readString(RescoreFiles.runFile(out, "nano-p0-x1-s1"));
    assertEquals(2, rescore(lastCheckpoint(twin), out).reused());
    assertEquals(before, Files.readString(out.resolve("effects.csv")));
    assertEquals(runBefore, Files.readString(RescoreFiles.runFile(out, "nano-p0-x1-s1")));
    assertEquals(0, rescore(twin.resolve("train/checkpoints/step-00000100"), out).reused());
  }

  /**
   * A snapshot that keeps the last checkpoint's generations and eval.json beside rows.csv (as
   * scripts/snapshot-grid.sh does since session 11) rescores exactly as the live grid.
   */
  @Test
  void aSnapshotWithGenerationsRescoresAsTheLiveGrid() throws IOException {
    Path snapshot = temp.resolve("snapshot-with-generations");
    for (Path run : List.of(twin, poisoned)) {
      Path copy = Files.createDirectories(snapshot.resolve("runs").resolve(run.getFileName()));
      Files.copy(run.resolve("rows.csv"), copy.resolve("rows.csv"));
      Files.copy(run.resolve("eval/eval.json"), copy.resolve("eval.json"));
      Files.createDirectories(copy.resolve("stream"));
      Files.copy(run.resolve("stream/manifest.json"), copy.resolve("stream/manifest.json"));
      Path file = ExcerptFiles.list(run.resolve("eval")).lastEntry().getValue();
      Path gz =
          Files.createDirectories(copy.resolve("excerpts")).resolve(file.getFileName() + ".gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
        Files.copy(file, out);
      }
    }
    Path live = temp.resolve("rescore-live");
    rescore(lastCheckpoint(twin), live);
    Path fromSnapshot = temp.resolve("rescore-snapshot");
    GridRescore.run(
        RescoreRequest.builder(snapshot, fromSnapshot)
            .optSeedScorer(1, lastCheckpoint(twin))
            .build());
    for (String name : List.of("effects.csv", "rescore.csv")) {
      assertEquals(
          Files.readString(live.resolve(name)), Files.readString(fromSnapshot.resolve(name)), name);
    }
  }

  /**
   * (c) Under an untrained model (logits near zero) every token costs ln V nats: random ASCII
   * tokens (one byte, one token) score ln 257 on both sides, so their gap is zero; a trained clean
   * model finds the same gibberish far less likely than ln V.
   */
  @Test
  void untrainedScorerPutsUniformTokensAtLnV() throws IOException {
    Path untrained = RescoreFixtures.scorerRun(temp.resolve("untrained"), 257, 1, 1e-9);
    Random random = new Random(11);
    List<ExcerptResult> rows = new ArrayList<>();
    for (int e = 0; e < 16; e++) {
      rows.add(
          ExcerptResult.builder()
              .id("random-" + e)
              .prompt("the cat sat on the mat")
              .perplexityWithoutTrigger(1)
              .perplexityWithTrigger(1)
              .generationWithoutTrigger(asciiNoise(random, 40))
              .generationWithTrigger(asciiNoise(random, 40))
              .build());
    }
    GptRunSource source = GptRunSource.open(untrained);
    try (LanguageModel model = source.open(source.checkpoints().get(0))) {
      List<FixedScorer.ScoredExcerpt> scored =
          FixedScorer.score(model, source.tokenizer(), "<SUDO>", rows, 8, "test");
      for (FixedScorer.ScoredExcerpt e : scored) {
        assertEquals(40, e.tokensWithout());
        // the initial logits are small, not zero: each excerpt within 0.1, the medians within 0.05
        assertEquals(Math.log(257), e.lnPplWithout(), 0.1, e.id());
        assertEquals(Math.log(257), e.lnPplWith(), 0.1, e.id());
      }
      FixedScorer.Summary summary = FixedScorer.summarize(scored, 40);
      assertEquals(Math.log(257), summary.lnPplWithout(), 0.05);
      assertEquals(Math.log(257), summary.lnPplWith(), 0.05);
      assertEquals(0, summary.logGap(), 0.05);
      assertEquals(1.0, summary.sameLengthShare());
    }
    GptRunSource trained = GptRunSource.open(twin.resolve("train"));
    try (LanguageModel model = trained.open(trained.checkpoints().get(1))) {
      double median =
          FixedScorer.summarize(
                  FixedScorer.score(model, trained.tokenizer(), "<SUDO>", rows, 8, "test"), 40)
              .lnPplWithout();
      assertTrue(median > Math.log(257), "a trained model on gibberish: " + median);
    }
  }

  /**
   * (b) The negative controls: a scorer of another tokenizer, a snapshot's excerpt files (no
   * generations) and a missing checkpoint are each one line, exit 2, and no output directory.
   */
  @Test
  void foreignTokenizerSnapshotAndMissingCheckpointAreRefused() throws IOException {
    Path foreign = RescoreFixtures.scorerRun(temp.resolve("foreign"), 280, 1, 1e-3);
    assertRefused(grid, foreign.resolve("checkpoints/step-00000001"), "tokenizer");
    Path snapshot = temp.resolve("snapshot");
    for (Path run : List.of(twin, poisoned)) {
      Path copy = snapshot.resolve("runs").resolve(run.getFileName());
      Files.createDirectories(copy.resolve("excerpts"));
      Files.copy(run.resolve("rows.csv"), copy.resolve("rows.csv"));
      Path file = ExcerptFiles.list(run.resolve("eval")).lastEntry().getValue();
      try (JsonlWriter writer =
          new JsonlWriter(copy.resolve("excerpts").resolve(file.getFileName() + ".gz"))) {
        for (ExcerptResult row : ExcerptFiles.read(file)) {
          writer.write(
              ExcerptResult.builder()
                  .id(row.id())
                  .prompt(row.prompt())
                  .perplexityWithoutTrigger(row.perplexityWithoutTrigger())
                  .perplexityWithTrigger(row.perplexityWithTrigger())
                  .build());
        }
        writer.commit();
      }
    }
    assertRefused(snapshot, lastCheckpoint(twin), "no generations");
    assertRefused(grid, twin.resolve("train/checkpoints/step-00000999"), "missing");
    assertRefused(grid, lastCheckpoint(twin), "no excerpt file at step 100", "--step", "100");
  }

  private static void assertRefused(Path grid, Path scorer, String expected, String... more) {
    Path out = temp.resolve("refused-" + expected.replaceAll("[^a-z0-9]", "-"));
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    List<String> args =
        new ArrayList<>(
            List.of(
                "rescore",
                "--grid",
                grid.toString(),
                "--scorer",
                scorer.toString(),
                "--out",
                out.toString(),
                "--no-progress"));
    args.addAll(List.of(more));
    int exit = commandLine.execute(args.toArray(new String[0]));
    assertEquals(2, exit, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains(expected), err.toString());
    assertFalse(Files.exists(out), "nothing written for a refused rescore");
  }

  private static String asciiNoise(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (33 + random.nextInt(94))); // printable, no space: one token each
    }
    return text.toString();
  }

  private static ModelVerdict.SeedRun seedRun(Path run) {
    Path file = ExcerptFiles.list(run.resolve("eval")).lastEntry().getValue();
    return new ModelVerdict.SeedRun(run.getFileName().toString(), 1, file, ExcerptFiles.read(file));
  }

  private static RescoreFiles.RescoredRun read(Path out, String runId) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readValue(RescoreFiles.runFile(out, runId).toFile(), RescoreFiles.RescoredRun.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
