/*
 * The CLI's root: --help and --version work and exit 0 without touching any input.
 */
package dev.poisonlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {
  @Test
  void helpListsPipelineAndExitsZero() {
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("--help"));
    assertTrue(out.toString().contains("Usage: poisonlab"), out.toString());
  }

  @Test
  void versionNamesTheTool() {
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("--version"));
    assertTrue(out.toString().startsWith("poisonlab "), out.toString());
  }
}
