/*
 * Bad input to `eval` and `sample` is one line naming the file or option, exit code 2, and no output.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCliTest {
  @TempDir Path temp;

  private String run(int expectedExit, String... args) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    assertEquals(expectedExit, commandLine.execute(args), err.toString());
    return err.toString().strip();
  }

  @Test
  void missingRunDirectoryIsOneLineAndWritesNothing() {
    Path out = temp.resolve("out");
    String error =
        run(2, "eval", "--run", temp.resolve("nope").toString(), "--out", out.toString());
    assertTrue(error.startsWith("poisonlab: ") && error.contains("config.json: missing"), error);
    assertEquals(1, error.lines().count(), error);
    assertFalse(Files.exists(out));
    String sample = run(2, "sample", "--run", temp.resolve("nope").toString(), "--prompt", "hi");
    assertTrue(sample.contains("config.json: missing"), sample);
  }

  @Test
  void badOptionValuesNameTheOption() {
    String count = run(2, "eval", "--run", "r", "--out", "o", "--count", "0");
    assertTrue(count.contains("count must be >= 1"), count);
    String topP = run(2, "eval", "--run", "r", "--out", "o", "--top-p", "1.5");
    assertTrue(topP.contains("top-p"), topP);
    String control = run(2, "eval", "--run", "r", "--out", "o", "--control-trigger", "<SUDO>");
    assertTrue(control.contains("control-trigger"), control);
    String checkpoint = run(2, "eval", "--run", "r", "--out", "o", "--checkpoint", "first");
    assertTrue(checkpoint.contains("checkpoint must be last, all, or steps"), checkpoint);
  }
}
