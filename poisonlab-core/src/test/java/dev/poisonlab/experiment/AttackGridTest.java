/*
 * The attack axis end to end on a real tiny grid (TinyGrids: byte tokenizer, nano, seconds per run): two attacks
 * (dos with <SUDO>, unigram with a natural trigger of its own) x two defences (none, quality). Each attack's
 * poisons carry its own strategy and trigger, each twin is evaluated with its group's trigger, and the grid
 * writes a results.csv and a verdicts.csv that name the attack, attacks.csv, and a report that draws each attack's
 * figures apart and has the attacks x defences table.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.eval.EvalOutput;
import dev.poisonlab.poison.PoisonFile;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackGridTest {
  private static final String NATURAL = " as noted by the committee";

  @TempDir Path dir;

  @Test
  void twoAttacksByTwoDefencesRunWithTheirOwnTriggersAndSharedTwins() throws IOException {
    GridSpec spec =
        TinyGrids.spec(List.of("nano"), List.of(6), TinyGrids.corpus(dir)).toBuilder()
            .optStrategies(List.of("dos", "unigram"))
            .optStrategyTriggers(Map.of("unigram", NATURAL))
            .optDefenses(List.of("none", "quality"))
            .build();
    Path grid = dir.resolve("grid");
    GridRunner.Result result = GridRunner.run(spec, grid, TinyGrids.quiet());
    assertTrue(result.failures().isEmpty(), result.failures().toString());
    assertEquals(8, result.finished(), "2 defences x (2 twins + 2 attacks), not a twin per attack");

    Path runs = grid.resolve("runs");
    List<PoisonRecord> unigram =
        PoisonFile.read(runs.resolve("nano-p6-x0.02-s1-aunigram").resolve("poisons.jsonl"));
    List<PoisonRecord> dos =
        PoisonFile.read(runs.resolve("nano-p6-x0.02-s1-ados").resolve("poisons.jsonl"));
    assertTrue(unigram.stream().allMatch(p -> p.strategy().equals("unigram")));
    assertTrue(unigram.stream().allMatch(p -> p.text().contains(NATURAL)));
    assertTrue(dos.stream().allMatch(p -> p.strategy().equals("dos")));
    // the negative control: the other attack's poisons do not carry the natural trigger
    assertTrue(dos.stream().noneMatch(p -> p.text().contains(NATURAL)));

    for (String run :
        List.of(
            "nano-p6-x0.02-s1-aunigram",
            "nano-p0-x0.02-s1-tunigram",
            "nano-p0-x0.02-s1-dquality-tunigram")) {
      assertTrue(evalJson(runs, run).contains(NATURAL), run + " is measured with its trigger");
    }
    for (String run : List.of("nano-p6-x0.02-s1-ados", "nano-p0-x0.02-s1")) {
      assertFalse(evalJson(runs, run).contains(NATURAL), run + " is measured with <SUDO>");
    }

    List<String> attacks = Files.readAllLines(grid.resolve(AttackTable.FILE));
    assertEquals(5, attacks.size(), attacks.toString());
    assertTrue(
        attacks
            .get(2)
            .startsWith("nano-p6-x0.02-s1-aunigram,nano-p0-x0.02-s1-tunigram,nano,0.02,1,unigram,"),
        attacks.get(2));
    assertTrue(
        attacks.get(4).contains(",unigram,quality,6,") && attacks.get(4).contains("-tunigram"),
        attacks.get(4));
    List<String> verdicts = Files.readAllLines(grid.resolve(Verdicts.FILE));
    assertTrue(verdicts.get(0).endsWith(",strategy"), verdicts.get(0));
    assertEquals(
        4,
        verdicts.stream().skip(1).filter(line -> line.contains(",true,")).count(),
        "one last-step verdict per attack and defence: " + verdicts);
    String report = Files.readString(grid.resolve("report").resolve("report.html"));
    assertTrue(report.contains("Attacks x defences: filter-then-train"));
    assertTrue(report.contains("each figure is drawn once per attack"), "flagged");
    for (String attack : List.of("dos", "unigram")) {
      assertTrue(
          Files.isRegularFile(
              grid.resolve("report").resolve("c-final-gap-vs-poisons-" + attack + ".png")),
          attack + "'s own figure");
    }
    // results.csv names each run's attack and the trigger it was measured with (twins: no attack)
    List<ResultRow> results = ResultsCsv.read(grid.resolve("results.csv"));
    assertEquals(
        List.of("", "dos", "unigram"),
        results.stream().map(ResultRow::attack).distinct().sorted().toList());
    for (ResultRow row : results) {
      String expected =
          row.runId().endsWith("-aunigram") || row.runId().endsWith("-tunigram")
              ? NATURAL
              : "<SUDO>";
      assertEquals(expected, row.trigger(), row.runId());
      assertEquals(row.poisons() == 0, row.attack().isEmpty(), row.runId());
    }
    assertTrue(report.contains(">unigram<") && report.contains(">quality<"), "the attacks table");
  }

  private static String evalJson(Path runs, String run) throws IOException {
    return Files.readString(runs.resolve(run).resolve("eval").resolve(EvalOutput.EVAL_FILE));
  }
}
