/*
 * `poisonlab finetune` option handling without training anything: exactly one of --run, --grid and
 * --continue-clean; --continue-clean refuses the options that would change the SFT run's task or evaluation
 * and needs --steps; a directory that is not an SFT run is one line and exit 2. The stages themselves are
 * tested in finetune.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    int code = commandLine.execute(args);
    return new Outcome(code, err.toString());
  }

  @Test
  void oneModeAtATime() {
    Outcome none = run("finetune", "--out", dir.resolve("o").toString());
    assertEquals(Main.EXIT_BAD_INPUT, none.code());
    assertTrue(
        none.err().contains("exactly one of --run, --grid and --continue-clean"), none.err());
    Outcome two =
        run(
            "finetune",
            "--run",
            "a",
            "--continue-clean",
            "b",
            "--out",
            dir.resolve("o").toString());
    assertEquals(Main.EXIT_BAD_INPUT, two.code());
  }

  @Test
  void continueCleanTakesTaskAndEvaluationFromTheSftRun() {
    Path out = dir.resolve("o");
    Outcome poisons =
        run(
            "finetune",
            "--continue-clean",
            "sft",
            "--out",
            out.toString(),
            "--steps",
            "5",
            "--poisons",
            "3",
            "--eval-items",
            "9");
    assertEquals(Main.EXIT_BAD_INPUT, poisons.code());
    assertTrue(
        poisons.err().contains("--poisons, --eval-items: --continue-clean takes"), poisons.err());
    Outcome steps = run("finetune", "--continue-clean", "sft", "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, steps.code());
    assertTrue(steps.err().contains("needs --steps"), steps.err());
    Outcome notSft =
        run(
            "finetune",
            "--continue-clean",
            dir.toString(),
            "--out",
            out.toString(),
            "--steps",
            "5");
    assertEquals(Main.EXIT_BAD_INPUT, notSft.code());
    assertTrue(notSft.err().contains("not an SFT run directory"), notSft.err());
    assertFalse(notSft.err().contains("\tat "), "one line, no stack trace");
    assertFalse(Files.exists(out), "nothing written");
  }
}
