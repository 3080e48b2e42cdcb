/*
 * --help of every command: each line of a command's description that fits Main.USAGE_WIDTH comes out whole, as
 * written (longer ones are paragraphs, wrapped by design), no line of the usage is wider than
 * Main.USAGE_WIDTH, and picocli warns about no description (it reads a bare '%' as a format specifier and
 * prints a warning and the text unformatted). At picocli's default width (80) the description lines wrapped
 * one by one into ragged paragraphs; rendering at 80 must show that again (negative control).
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class UsageHelpTest {
  @Test
  void everyDescriptionLineComesOutWhole() {
    List<String> problems = new ArrayList<>();
    int checked = check(Main.commandLine(), problems);
    assertEquals(List.of(), problems);
    // the root and its two dozen commands, with their subcommands
    assertTrue(checked >= 25, "commands checked: " + checked);
  }

  @Test
  void atPicocliDefaultWidthTheyWrap() {
    CommandLine narrow = Main.commandLine();
    narrow.setUsageHelpWidth(80);
    List<String> problems = new ArrayList<>();
    check(narrow, problems);
    assertFalse(problems.isEmpty(), "an 80-column help should break the long description lines");
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("rescore:")), problems.toString());
  }

  @Command(name = "probe", description = "A 95% margin.")
  static final class Probe {
    @Option(names = "--share", description = "Poisons as a share, 5%% by default.")
    double share;
  }

  @Test
  void aBarePercentIsFound() {
    List<String> problems = new ArrayList<>();
    check(new CommandLine(new Probe()), problems);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("Could not format 'A 95% margin.'"), problems.get(0));
  }

  /** Checks {@code command} and its subcommands; returns how many commands were checked. */
  private static int check(CommandLine command, List<String> problems) {
    CommandLine.Model.CommandSpec spec = command.getCommandSpec();
    String name = spec.qualifiedName().replaceFirst("^poisonlab ?", "");
    String label = name.isEmpty() ? "poisonlab" : name;
    Rendered rendered = render(command);
    String usage = rendered.usage();
    if (!rendered.warnings().isEmpty()) {
      problems.add(label + ": picocli warned while rendering: " + rendered.warnings().strip());
    }
    int width = command.getUsageHelpWidth();
    for (String line : spec.usageMessage().description()) {
      // format specifiers and variables render differently from their source; they are rare
      boolean literal = !line.contains("%") && !line.contains("${");
      if (literal && line.strip().length() <= Main.USAGE_WIDTH && !usage.contains(line.strip())) {
        problems.add(label + ": description line broken: " + line);
      }
    }
    for (String line : usage.split("\\R")) {
      if (line.length() > width) {
        problems.add(label + ": usage line of " + line.length() + " columns: " + line);
      }
    }
    int checked = 1;
    // a command with aliases is in the map once per name
    for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
      checked += check(sub, problems);
    }
    return checked;
  }

  /** A command's usage text and what picocli printed to System.err while rendering it. */
  private record Rendered(String usage, String warnings) {}

  /**
   * picocli reports a description it cannot format (a bare '%' read as a format specifier) only as
   * a warning on System.err, so System.err is captured while the usage is rendered.
   */
  private static Rendered render(CommandLine command) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String usage;
    try {
      usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    } finally {
      System.setErr(original);
    }
    return new Rendered(usage, captured.toString(StandardCharsets.UTF_8));
  }
}
