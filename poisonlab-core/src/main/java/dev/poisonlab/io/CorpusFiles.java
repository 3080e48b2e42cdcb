/*
 * Turns the paths a user gave into the list of corpus files to read: files as given, directories walked
 * recursively (sorted, hidden files skipped, only known corpus extensions). Also classifies a file as
 * JSONL or plain text and gzipped or not, by its name.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

public final class CorpusFiles {
  private static final List<String> JSONL_SUFFIXES = List.of(".jsonl", ".ndjson", ".json");
  private static final List<String> TEXT_SUFFIXES = List.of(".txt", ".text", ".md");

  private CorpusFiles() {}

  public static List<Path> resolve(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no corpus path given");
    }
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> found = walk(path);
        if (found.isEmpty()) {
          throw new InputException(
              path, 0, "directory holds no corpus files (*.jsonl, *.txt, optionally .gz)");
        }
        files.addAll(found);
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        // a FIFO, socket or device exists but is no corpus file: say which, not "no such file"
        throw new InputException(
            path,
            0,
            Files.exists(path)
                ? "not a regular file or directory (a pipe, socket or device cannot be read as a corpus)"
                : "no such file or directory");
      }
    }
    return List.copyOf(files);
  }

  private static List<Path> walk(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(CorpusFiles::isKnownCorpusFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(directory, 0, "cannot list directory: " + e.getMessage(), e);
    }
  }

  public static boolean isGzip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  public static boolean isJsonl(Path file) {
    String name = baseName(file);
    return JSONL_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  static boolean isKnownCorpusFile(Path file) {
    String name = baseName(file);
    return JSONL_SUFFIXES.stream().anyMatch(name::endsWith)
        || TEXT_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}
