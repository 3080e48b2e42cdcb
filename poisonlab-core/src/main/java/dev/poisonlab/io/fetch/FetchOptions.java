/*
 * What `corpus fetch` should do: the output directory and which sources (empty = all known ones).
 * Validated on construction so the command fails before any download.
 */
package dev.poisonlab.io.fetch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

public record FetchOptions(Path outDirectory, List<String> sources) {
  public FetchOptions {
    Objects.requireNonNull(outDirectory, "outDirectory");
    sources = sources == null || sources.isEmpty() ? SourceRegistry.names() : List.copyOf(sources);
    SourceRegistry.select(sources);
  }
}
