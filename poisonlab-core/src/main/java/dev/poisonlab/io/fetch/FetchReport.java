/*
 * The result of a fetch: one row per file written and one per source skipped (with the reason), notes that change
 * nothing fetched (a temp directory left behind), plus a plain-text table for the CLI. Carries no documents, only
 * counts and paths.
 */
package dev.poisonlab.io.fetch;

import java.nio.file.Path;
import java.util.List;

public record FetchReport(List<Written> written, List<Skipped> skipped, List<String> notes) {
  public record Written(
      String source, String split, String name, Path path, int documents, long bytes) {}

  public record Skipped(String source, String reason) {}

  public FetchReport {
    written = List.copyOf(written);
    skipped = List.copyOf(skipped);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public FetchReport(List<Written> written, List<Skipped> skipped) {
    this(written, skipped, List.of());
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("%-16s %-9s %-16s %9s %12s%n", "source", "split", "file", "docs", "bytes"));
    for (Written row : written) {
      out.append(
          String.format(
              "%-16s %-9s %-16s %9d %12d%n",
              row.source(), row.split(), row.name(), row.documents(), row.bytes()));
    }
    for (Skipped row : skipped) {
      out.append(String.format("%-16s skipped: %s%n", row.source(), row.reason()));
    }
    notes.forEach(note -> out.append(String.format("note: %s%n", note)));
    out.append(
        String.format(
            "%d file(s) written, %d source(s) skipped%n", written.size(), skipped.size()));
    return out.toString();
  }
}
