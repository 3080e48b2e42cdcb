/*
 * The defence axis end to end on a real tiny grid (byte tokenizer, nano, the shipped corpus: the detector's
 * default threshold is set for a corpus of its size, not for the 138-document sample): the surprisal-filtered
 * run trains on exactly the poisons that survived the filter (none, for the paper's gibberish at the paper's
 * lengths, written here in place of the grid's context-scaled poisons: the filter misses those 50-112 token
 * payloads at its default threshold, see docs/defense.md), records defense.json, holds out and evaluates exactly
 * the excerpts of its undefended twin, and its rows say so. With progress off, no stage draws a bar.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.PoisonGenerator;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefendedGridTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * The paper's recipe at its own lengths, as the pre-scaling pipeline made them (grid runs reuse
   * the file).
   */
  private static void writePaperPoisons(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    PoisonConfig config =
        PoisonConfig.builder(CorpusPaths.resolve(List.of("embedded")))
            .count(6)
            .seed(1)
            .paperLengths()
            .payloadIds(PoisonConfig.PayloadIds.ALL)
            .build();
    PoisonGenerator.run(config, new ByteTokenizer(), file);
  }

  @Test
  void defendedRunTrainsOnTheSurvivorsAndIsEvaluatedLikeItsUndefendedTwin() throws IOException {
    GridSpec tiny = TinyGrids.spec(List.of("nano"), List.of(6), Path.of("embedded"));
    // excerpts null: evaluation uses each run's own held-out split, the case a filter could disturb
    GridSpec spec =
        tiny.toBuilder()
            .corpus(List.of("embedded"))
            .optExcerpts(null)
            .optDefenses(List.of("none", "surprisal"))
            .build();
    Path grid = dir.resolve("grid");
    for (String run : List.of("nano-p6-x0.02-s1", "nano-p6-x0.02-s1-dsurprisal")) {
      writePaperPoisons(grid.resolve("runs").resolve(run).resolve("poisons.jsonl"));
    }
    GridRunner.Result result;
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      result = GridRunner.run(spec, grid, TinyGrids.quiet());
    } finally {
      System.setErr(stderr);
    }
    String drawn = captured.toString(StandardCharsets.UTF_8);
    assertFalse(
        drawn.contains("eval") || drawn.contains("stream") || drawn.contains("%"),
        "progress off (grid --no-progress) draws no bar, the evaluator's included: " + drawn);
    assertTrue(result.failures().isEmpty(), result.failures().toString());
    assertEquals(4, result.finished());

    Path runs = grid.resolve("runs");
    Path plain = runs.resolve("nano-p6-x0.02-s1");
    Path defended = runs.resolve("nano-p6-x0.02-s1-dsurprisal");
    JsonNode record = JSON.readTree(defended.resolve("defense.json").toFile());
    assertEquals("surprisal", record.get("defense").asText());
    assertEquals(6, record.get("poisons").asLong());
    assertEquals(
        6, record.get("poisons_dropped").asLong(), "the surprisal filter catches every dos poison");
    assertEquals(0, record.get("poisons_kept").asLong());
    assertEquals(1.0, record.get("recall").asDouble());
    long cleanDropped = record.get("clean_dropped").asLong();
    assertEquals(record.get("dropped_ids").size(), 6 + cleanDropped);

    StreamManifest plainStream = StreamDirectory.readManifest(plain.resolve("stream"));
    StreamManifest defendedStream = StreamDirectory.readManifest(defended.resolve("stream"));
    assertEquals(6, plainStream.poisons().size());
    assertEquals(
        0, defendedStream.poisons().size(), "exactly the surviving poisons are in the stream");
    assertEquals(plainStream.heldoutIds(), defendedStream.heldoutIds(), "same held-out documents");
    assertTrue(
        Files.isRegularFile(runs.resolve("nano-p0-x0.02-s1-dsurprisal").resolve("defense.json")));

    assertEquals(
        excerpts(plain),
        excerpts(defended),
        "the defended run evaluates the undefended run's excerpts");
    assertEquals(
        excerpts(runs.resolve("nano-p0-x0.02-s1")),
        excerpts(runs.resolve("nano-p0-x0.02-s1-dsurprisal")),
        "and so does the defended twin");

    List<ResultRow> rows = ResultsCsv.read(grid.resolve("results.csv"));
    assertEquals(
        List.of(
            "nano-p0-x0.02-s1",
            "nano-p6-x0.02-s1",
            "nano-p0-x0.02-s1-dsurprisal",
            "nano-p6-x0.02-s1-dsurprisal"),
        rows.stream().map(ResultRow::runId).distinct().toList());
    ResultRow last = rows.get(rows.size() - 1);
    assertEquals("surprisal", last.defense());
    assertEquals(6, last.poisons());
    assertEquals(0, last.poisonsAfterDefense());
    assertEquals(0, last.poisonsSeen());
    assertEquals(cleanDropped, last.cleanDropped());
    ResultRow undefended = rows.get(3);
    assertEquals("none", undefended.defense());
    assertEquals(6, undefended.poisonsAfterDefense());
  }

  /** (id, prompt) of every excerpt evaluated at the run's last checkpoint. */
  private static List<String> excerpts(Path run) throws IOException {
    Path eval = run.resolve("eval");
    Path last;
    try (var files = Files.list(eval)) {
      last =
          files
              .filter(f -> f.getFileName().toString().startsWith("excerpts-step-"))
              .sorted()
              .reduce((a, b) -> b)
              .orElseThrow();
    }
    List<String> excerpts = new ArrayList<>();
    for (String line : Files.readAllLines(last)) {
      JsonNode node = JSON.readTree(line);
      excerpts.add(node.get("id").asText() + "\n" + node.get("prompt").asText());
    }
    assertEquals(4, excerpts.size(), "eval_count excerpts from the held-out split: " + excerpts);
    return excerpts;
  }
}
