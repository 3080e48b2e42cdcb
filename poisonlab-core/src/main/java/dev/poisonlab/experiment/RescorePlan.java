/*
 * Everything `rescore` checks before it writes anything: the grid's finished runs (runs/ID/rows.csv) with the
 * excerpt file of the chosen step, its generations and its eval.json (trigger, new tokens; a snapshot's copy
 * beside rows.csv where eval/ is gone), each run's tokenizer
 * hash (runs/ID/stream/manifest.json, else train/data/manifest.json) against its scorer's, and each scorer
 * checkpoint, opened once. A refusal is one InputException; no output exists yet. It plans; GridRescore scores.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.eval.BackdoorEvaluator.ExcerptResult;
import dev.poisonlab.eval.EvalOutput;
import dev.poisonlab.eval.ExcerptFiles;
import dev.poisonlab.eval.RecordedSettings;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

final class RescorePlan implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A run as rows.csv and eval.json name it: what twins and configurations are matched on. attack
   * is the poison strategy of a grid with several ("" otherwise and for twins).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RunIdentity(
      String runId,
      String model,
      int poisons,
      double dataMultiplier,
      String defense,
      String attack,
      boolean placebo,
      long seed,
      String trigger) {}

  /** One run to score: its excerpt file at the chosen step and the scorer of its seed. */
  record Target(
      RunIdentity run, Path excerptsFile, long step, int newTokens, RescoreScorer scorer) {}

  private final List<Target> targets;
  private final List<String> leftOut;
  private final Map<Path, RescoreScorer> scorers;

  private RescorePlan(
      List<Target> targets, List<String> leftOut, Map<Path, RescoreScorer> scorers) {
    this.targets = targets;
    this.leftOut = leftOut;
    this.scorers = scorers;
  }

  static RescorePlan of(RescoreRequest request) {
    Path runs = request.grid().resolve("runs");
    if (!Files.isDirectory(runs)) {
      throw new InputException(
          request.grid(), 0, "not a grid directory (no runs/; expected one written by `grid`)");
    }
    Map<Path, RescoreScorer> scorers = new LinkedHashMap<>();
    try {
      List<Target> targets = new ArrayList<>();
      List<String> leftOut = new ArrayList<>();
      for (Path run : finishedRuns(runs)) {
        List<ResultRow> rows = ResultsCsv.read(run.resolve(GridRunner.ROWS_FILE));
        if (rows.isEmpty()) {
          throw new InputException(
              run.resolve(GridRunner.ROWS_FILE), 0, "no rows after the header");
        }
        ResultRow first = rows.get(0);
        Path scorerPath = request.scorerFor(first.seed());
        if (scorerPath == null) {
          leftOut.add(first.runId() + " (no scorer for seed " + first.seed() + ")");
          continue;
        }
        Map.Entry<Long, Path> chosen = excerptsFile(run, request.step());
        Path excerpts = chosen.getValue();
        requireGenerations(excerpts);
        RecordedSettings settings = evalSettings(run);
        RescoreScorer scorer =
            scorers.computeIfAbsent(scorerPath.toAbsolutePath().normalize(), RescoreScorer::open);
        scorer.requireTokenizer(tokenizerSha256(run), run);
        RunIdentity identity =
            new RunIdentity(
                first.runId(),
                first.model(),
                first.poisons(),
                first.dataMultiplier(),
                first.defense(),
                attackNamed(first),
                first.runId().endsWith(RunSpec.PLACEBO_SUFFIX),
                first.seed(),
                settings.trigger());
        targets.add(new Target(identity, excerpts, chosen.getKey(), settings.newTokens(), scorer));
      }
      if (targets.isEmpty()) {
        throw new InputException(
            runs, 0, "no finished run (runs/ID/rows.csv) has a scorer for its seed: nothing to do");
      }
      // numeric order (micro-p30 before micro-p100), seeds together, placebos after their count
      targets.sort(
          Comparator.comparing((Target t) -> t.run().model())
              .thenComparingDouble(t -> t.run().dataMultiplier())
              .thenComparing(t -> t.run().defense())
              .thenComparing(t -> t.run().attack())
              .thenComparingInt(t -> t.run().poisons())
              .thenComparing(t -> t.run().placebo())
              .thenComparingLong(t -> t.run().seed()));
      return new RescorePlan(List.copyOf(targets), List.copyOf(leftOut), scorers);
    } catch (RuntimeException e) {
      scorers.values().forEach(RescoreScorer::close);
      throw e;
    }
  }

  /**
   * The run's attack as its id names it: a grid of one attack labels its rows with the attack but
   * names none in its run ids (RunSpec.id), so its configurations are named without one too.
   */
  private static String attackNamed(ResultRow row) {
    String attack = row.attack();
    return row.runId().contains("-a" + attack) ? attack : "";
  }

  List<Target> targets() {
    return targets;
  }

  /** Finished runs not scored, each with the reason. */
  List<String> leftOut() {
    return leftOut;
  }

  @Override
  public void close() {
    scorers.values().forEach(RescoreScorer::close);
  }

  private static List<Path> finishedRuns(Path runs) {
    try (Stream<Path> entries = Files.list(runs)) {
      return entries
          .filter(run -> Files.isRegularFile(run.resolve(GridRunner.ROWS_FILE)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
    }
  }

  private static Map.Entry<Long, Path> excerptsFile(Path run, String step) {
    TreeMap<Long, Path> files = Verdicts.excerptFiles(run);
    if (files.isEmpty()) {
      throw new InputException(
          run, 0, "a finished run without per-excerpt files: its generations are not kept");
    }
    if (RescoreRequest.LAST.equals(step)) {
      return files.lastEntry();
    }
    Path file = files.get(Long.parseLong(step));
    if (file == null) {
      throw new InputException(
          run, 0, "no excerpt file at step " + step + " (has steps " + files.keySet() + ")");
    }
    return Map.entry(Long.parseLong(step), file);
  }

  /**
   * Snapshots (scripts/snapshot-grid.sh) before session 11 kept ids, prompts and numbers, not the
   * texts.
   */
  private static void requireGenerations(Path excerpts) {
    for (ExcerptResult row : ExcerptFiles.read(excerpts)) {
      if (row.generationWithoutTrigger() == null || row.generationWithTrigger() == null) {
        throw new InputException(
            excerpts,
            0,
            "excerpt '"
                + row.id()
                + "' holds no generations (snapshots before session 11 strip them); rescore the live grid");
      }
    }
  }

  /**
   * The run's eval.json: its eval directory's, else the copy a snapshot keeps beside rows.csv
   * (scripts/snapshot-grid.sh, since session 11, with the last checkpoint's generations).
   */
  private static RecordedSettings evalSettings(Path run) {
    Path file = run.resolve("eval").resolve(EvalOutput.EVAL_FILE);
    if (!Files.isRegularFile(file) && Files.isRegularFile(run.resolve(EvalOutput.EVAL_FILE))) {
      file = run.resolve(EvalOutput.EVAL_FILE);
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file, 0, "missing: the trigger and lengths the run was evaluated with");
    }
    return EvalOutput.readEval(file).settings();
  }

  /** The tokenizer hash the run's stream manifest records (the grid's copy, else the trainer's). */
  private static String tokenizerSha256(Path run) {
    for (Path manifest :
        List.of(
            run.resolve("stream").resolve("manifest.json"),
            run.resolve("train").resolve("data").resolve("manifest.json"))) {
      if (Files.isRegularFile(manifest)) {
        JsonNode sha;
        try {
          sha = JSON.readTree(manifest.toFile()).get("tokenizer_sha256");
        } catch (IOException e) {
          throw new InputException(manifest, 0, "cannot read: " + e.getMessage(), e);
        }
        if (sha == null || !sha.isTextual()) {
          throw new InputException(manifest, 0, "records no tokenizer_sha256 to check a scorer by");
        }
        return sha.asText();
      }
    }
    throw new InputException(run, 0, "no stream manifest: the generations' tokenizer is unknown");
  }
}
