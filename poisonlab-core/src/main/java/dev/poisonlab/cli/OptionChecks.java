/*
 * Option validation for the commands: while a command turns its options into settings, a settings record's own
 * check (an IllegalArgumentException from a constructor or a parse method) becomes picocli's
 * ParameterException, which picocli prints with the usage and exit code 2. Not for errors while the command
 * runs: those are InputExceptions (bad files, exit 2) or bugs, whose stack trace must show.
 */
package dev.poisonlab.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

final class OptionChecks {
  private OptionChecks() {}

  /**
   * What {@code build} makes from the options; its IllegalArgumentException is a usage error of the
   * command.
   */
  static <T> T settings(CommandSpec spec, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** A usage error of the command when {@code ok} is false. */
  static void require(CommandSpec spec, boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
