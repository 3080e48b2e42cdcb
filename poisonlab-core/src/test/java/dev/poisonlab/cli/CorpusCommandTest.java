/*
 * `poisonlab corpus`: the parent lists fetch, and fetch rejects an unknown source with exit 2 and one
 * line naming the known sources, before downloading anything.
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

class CorpusCommandTest {
  @Test
  void corpusHelpListsFetch() {
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("corpus", "--help"));
    assertTrue(out.toString().contains("fetch"), out.toString());
  }

  @Test
  void unknownSourceExitsTwoWithoutOutput(@TempDir Path directory) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path out = directory.resolve("corpus");
    int code =
        commandLine.execute("corpus", "fetch", "--out", out.toString(), "--sources", "moby,bogus");
    assertEquals(2, code);
    assertTrue(
        err.toString().contains("unknown source 'bogus'; known sources: moby,"), err.toString());
    assertFalse(Files.exists(out));
  }
}
