/*
 * --no-progress: every command that draws progress bars takes it (one mixin, so logs and scripts can turn the
 * bars off everywhere), the flag selects no bars and its absence the bars, and no command reaches the bars
 * except through it.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ProgressOptionTest {
  /**
   * Every command that draws bars through ProgressBars (bench aside: a benchmark's bars are its
   * own).
   */
  private static final List<String> DRAWING =
      List.of(
          "train",
          "eval",
          "continue",
          "grid",
          "demo",
          "finetune",
          "rescore",
          "scan",
          "corpus build",
          "corpus fetch",
          "tokenizer train");

  @Test
  void everyCommandThatDrawsBarsTakesNoProgress() {
    List<String> missing = new ArrayList<>();
    for (String name : DRAWING) {
      CommandLine command = Main.commandLine();
      for (String part : name.split(" ")) {
        command = command.getSubcommands().get(part);
      }
      if (command.getCommandSpec().findOption("--no-progress") == null) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "commands without --no-progress");
  }

  @Command(name = "probe")
  static final class Probe {
    @Mixin ProgressOption progressOption;
  }

  @Test
  void theFlagSelectsNoBarsAndItsAbsenceTheBars() {
    Probe plain = new Probe();
    new CommandLine(plain).parseArgs();
    Probe quiet = new Probe();
    new CommandLine(quiet).parseArgs("--no-progress");

    assertSame(ProgressBars.STDERR, plain.progressOption.progress());
    assertSame(Progress.NONE, quiet.progressOption.progress());
  }

  /**
   * The bars write to the process's stderr descriptor itself (progressbar does not go through
   * System.err), so a test cannot capture them; instead no command may reach them past the flag.
   */
  @Test
  void noCommandDrawsBarsPastTheFlag() throws Exception {
    Path cli = Path.of("src/main/java/dev/poisonlab/cli");
    List<String> drawingDirectly;
    try (Stream<Path> files = Files.list(cli)) {
      drawingDirectly =
          files
              .filter(file -> !ALLOWED.contains(file.getFileName().toString()))
              .filter(file -> read(file).contains("ProgressBars.STDERR"))
              .map(file -> file.getFileName().toString())
              .sorted()
              .toList();
    }
    assertTrue(Files.isRegularFile(cli.resolve("ProgressBars.java")), "run from the module");
    assertEquals(List.of(), drawingDirectly, "commands that draw bars without --no-progress");
  }

  /** The bars themselves, the flag, and the benchmarks (whose bars are part of what they show). */
  private static final Set<String> ALLOWED =
      Set.of("ProgressBars.java", "ProgressOption.java", "BenchCommand.java");

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
