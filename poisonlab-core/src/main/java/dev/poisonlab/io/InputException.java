/*
 * The one exception type for bad user input: a file, a line (or 0 when not line-based) and the problem.
 * Its message is the single line a user sees, "FILE:LINE: problem" (or just the problem when no file is to
 * blame); the CLI turns it into exit code 2.
 * Subclasses (DirectoryLock.HeldException) only add detail for callers that react to one kind of problem.
 */
package dev.poisonlab.io;

import java.nio.file.Path;

public class InputException extends RuntimeException {
  private final transient Path file;
  private final long line;

  /**
   * A problem with the user's input as a whole, not with one file (a format nothing on the
   * classpath writes).
   */
  public InputException(String problem) {
    super(problem);
    this.file = null;
    this.line = 0;
  }

  /** The same, keeping the failure that revealed it (for --debug). */
  public InputException(String problem, Throwable cause) {
    super(problem, cause);
    this.file = null;
    this.line = 0;
  }

  public InputException(Path file, long line, String problem) {
    super(format(file, line, problem));
    this.file = file;
    this.line = line;
  }

  public InputException(Path file, long line, String problem, Throwable cause) {
    super(format(file, line, problem), cause);
    this.file = file;
    this.line = line;
  }

  private static String format(Path file, long line, String problem) {
    return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
  }

  /** The file, or null for a problem not tied to one. */
  public Path file() {
    return file;
  }

  /** 1-based line number, or 0 when the problem is not tied to a line. */
  public long line() {
    return line;
  }
}
