/*
 * A source could not be obtained: a client program is missing, the registry is unreachable, or a package
 * lacks the expected file. The fetcher turns it into a "skipped: <message>" row instead of a crash.
 */
package dev.poisonlab.io.fetch;

import java.io.IOException;

public final class SourceUnavailableException extends IOException {
  public SourceUnavailableException(String message) {
    super(message);
  }

  public SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
