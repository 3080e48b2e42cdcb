/*
 * The up-front memory check of training: the estimate against a hand-computed value, saturation on absurd sizes,
 * and `train --batch-size 2000000000` refused with one line naming the run directory, exit 2, nothing written;
 * an ordinary batch passes the same check (negative control).
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepMemoryTest {
  @TempDir Path dir;

  @Test
  void estimateAddsActivationsLogitsAndIds() {
    GptConfig model = new GptConfig(1000, 64, 2, 2, 32);
    long tokens = 8 * 64;
    long expected =
        tokens * 32 * 2 * StepMemory.FLOATS_PER_TOKEN_CHANNEL_LAYER * 4
            + tokens * 1000 * 3 * 4
            + tokens * 2 * 4;
    assertEquals(expected, StepMemory.estimateBytes(8, model));
    assertEquals(
        Long.MAX_VALUE,
        StepMemory.estimateBytes(
            Integer.MAX_VALUE, new GptConfig(1 << 30, 1 << 20, 96, 64, 1 << 16)));
  }

  @Test
  void anOrdinaryBatchPassesAndAnAbsurdOneIsRefused() {
    GptConfig model = new GptConfig(2048, 256, 4, 4, 128);
    StepMemory.require(dir, 32, model);
    InputException error =
        assertThrows(InputException.class, () -> StepMemory.require(dir, 2_000_000, model));
    assertTrue(
        error.getMessage().startsWith(dir + ": --batch-size 2,000,000 needs about"),
        error.getMessage());
    InputException overflow =
        assertThrows(InputException.class, () -> StepMemory.require(dir, 2_000_000_000, model));
    assertTrue(
        overflow.getMessage().contains("more than one array can hold"), overflow.getMessage());
  }

  @Test
  void trainWithAnAbsurdBatchIsOneLineExitTwoAndWritesNothing() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    Path corpus = dir.resolve("c.jsonl");
    Files.writeString(corpus, "{\"text\":\"" + "some plain words here. ".repeat(400) + "\"}\n");
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        0,
        cli.execute(
            "corpus",
            "build",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--tokens",
            "20k",
            "--seed",
            "1",
            "--heldout",
            "0",
            "--out",
            dir.resolve("s").toString()),
        err.toString());
    Path run = dir.resolve("run");
    int exit =
        cli.execute(
            "train",
            "--data",
            dir.resolve("s").toString(),
            "--model",
            "pico",
            "--out",
            run.toString(),
            "--batch-size",
            "2000000000",
            "--max-steps",
            "2");
    assertEquals(2, exit, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains("--batch-size 2,000,000,000 x context"), err.toString());
    assertFalse(Files.exists(run), "nothing written");
  }
}
