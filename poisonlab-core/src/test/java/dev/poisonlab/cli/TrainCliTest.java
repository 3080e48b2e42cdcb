/*
 * The model/train commands through picocli: the preset table's layout, a short training run, and bad
 * input (or a run directory another process is writing) as one line with exit code 2 and no output.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.corpus.TokenFileWriter;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.model.ModelPreset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCliTest {
  @TempDir Path dir;

  private static String captureStdout(Runnable body) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void modelListPrintsAHeaderThenOneRowPerPreset() {
    String out = captureStdout(() -> assertEquals(0, Main.commandLine().execute("model", "list")));
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).startsWith("preset"), lines.get(0));
    ModelPreset[] presets = ModelPreset.values();
    for (int i = 0; i < presets.length; i++) {
      String[] cells = lines.get(i + 1).trim().split("\\s+");
      assertEquals(presets[i].presetName(), cells[0]);
      assertEquals(
          presets[i].config(ModelPreset.DEFAULT_VOCAB_SIZE).parameterCount(),
          Long.parseLong(cells[5]));
      assertEquals(20 * Long.parseLong(cells[5]), Long.parseLong(cells[7]));
    }
  }

  /** A 3000-token stream of ids below 40 with a 2048-token budget. */
  private Path stream() throws IOException {
    Path data = dir.resolve("stream");
    Files.createDirectories(data);
    int length = 3000;
    try (TokenFileWriter writer =
        new TokenFileWriter(data.resolve("tokens.bin"), TokenFile.Dtype.UINT16)) {
      for (int i = 0; i < length; i++) {
        writer.write(i % 37);
      }
      writer.commit();
    }
    new ObjectMapper()
        .writeValue(
            data.resolve("manifest.json").toFile(),
            StreamManifest.builder()
                .formatVersion(1)
                .tokenizerName("ids")
                .tokenizerSha256("")
                .vocabSize(40)
                .tokenDtype("uint16")
                .seed(1)
                .budgetTokens(2048)
                .totalTokens(length)
                .cleanTokens(length)
                .epochs(1.0)
                .placement("none")
                .build());
    return data;
  }

  /**
   * Two trains into one run directory: the second is one line naming the holder, exit 2, and writes
   * nothing.
   */
  @Test
  void aSecondTrainIntoARunDirectoryInUseExitsTwo() throws Exception {
    Path data = stream();
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    try (DirectoryLock first = DirectoryLock.acquire(run)) {
      assertEquals(
          2,
          commandLine.execute(
              "train",
              "--data",
              data.toString(),
              "--model",
              "nano",
              "--out",
              run.toString(),
              "--batch-size",
              "2",
              "--threads",
              "1"));
    }
    assertEquals(
        "poisonlab: "
            + run
            + ": is being written by another poisonlab process ("
            + DirectoryLock.OWNER
            + "); wait for it to finish or choose another directory",
        err.toString().strip());
    try (var left = Files.list(run)) {
      assertEquals(0, left.count(), "no config, metrics or checkpoints of the refused run");
    }
  }

  @Test
  void trainRunsAndBadDataExitsTwoWithoutOutput() throws Exception {
    Path data = stream();
    Path run = dir.resolve("run");
    String out =
        captureStdout(
            () ->
                assertEquals(
                    0,
                    Main.commandLine()
                        .execute(
                            "train",
                            "--data",
                            data.toString(),
                            "--model",
                            "nano",
                            "--out",
                            run.toString(),
                            "--batch-size",
                            "2",
                            "--threads",
                            "1")));
    assertTrue(
        out.contains("steps 1..4 of 4"), out); // budget 2048 tokens / (2 x 256) tokens per step
    assertEquals(4, Files.readAllLines(run.resolve("metrics.jsonl")).size());

    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path missing = dir.resolve("nothing");
    assertEquals(
        2,
        commandLine.execute(
            "train",
            "--data",
            missing.toString(),
            "--model",
            "nano",
            "--out",
            dir.resolve("run2").toString()));
    assertTrue(
        err.toString().startsWith("poisonlab: " + missing.resolve("manifest.json")),
        err.toString());
    assertFalse(Files.exists(dir.resolve("run2")));
  }

  /**
   * --lr 1e30 overflows the weights: exit 2 and one line naming the step; --skip-nonfinite finishes
   * instead.
   */
  @Test
  void aDivergingRunExitsTwoNamingTheStepUnlessSkipping() throws Exception {
    Path data = stream();
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    String[] train = {
      "train",
      "--data",
      data.toString(),
      "--model",
      "nano",
      "--out",
      run.toString(),
      "--batch-size",
      "1",
      "--threads",
      "1",
      "--lr",
      "1e30",
      "--warmup-steps",
      "0",
      "--checkpoint-every",
      "1"
    };
    assertEquals(2, commandLine.execute(train));
    String line = err.toString().strip();
    assertTrue(
        line.matches(
            "poisonlab: "
                + java.util.regex.Pattern.quote(run.toString())
                + ": step \\d+: loss .*--skip-nonfinite.*"),
        line);
    assertEquals(1, line.lines().count(), line);

    String[] skipping = java.util.Arrays.copyOf(train, train.length + 1);
    skipping[train.length] = "--skip-nonfinite";
    String out = captureStdout(() -> assertEquals(0, Main.commandLine().execute(skipping)));
    assertTrue(out.contains("of 8"), out); // budget 2048 tokens / 256 tokens per step
    assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"skipped_batches\""));
  }
}
