/*
 * Turns the words a user passes to --corpus into files: `embedded` (the shipped training split),
 * `embedded:heldout` (the shipped held-out split), or an ordinary path, which must exist.
 * Not a reader: it only resolves names, so every command accepts the same words in the same way.
 */
package dev.poisonlab.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class CorpusPaths {
  public static final String EMBEDDED = "embedded";
  public static final String EMBEDDED_TRAIN = "embedded:train";
  public static final String EMBEDDED_HELDOUT = "embedded:heldout";

  private CorpusPaths() {}

  /** Resolves each word, extracting the embedded corpus into the default cache when it is named. */
  public static List<Path> resolve(List<String> words) {
    return resolve(words, EmbeddedCorpus.defaultCacheRoot());
  }

  /** As {@link #resolve(List)}, extracting the embedded corpus under {@code cacheRoot}. */
  public static List<Path> resolve(List<String> words, Path cacheRoot) {
    List<Path> paths = new ArrayList<>(words.size());
    List<Path> embedded = null;
    for (String word : words) {
      if (word.equals(EMBEDDED) || word.equals(EMBEDDED_TRAIN) || word.equals(EMBEDDED_HELDOUT)) {
        if (embedded == null) {
          embedded = EmbeddedCorpus.extract(cacheRoot);
        }
        EmbeddedCorpus.Split split =
            word.equals(EMBEDDED_HELDOUT)
                ? EmbeddedCorpus.Split.HELDOUT
                : EmbeddedCorpus.Split.TRAIN;
        paths.add(embedded.get(split.ordinal()));
      } else if (word.startsWith(EMBEDDED + ":")) {
        throw new IllegalArgumentException(
            "unknown embedded split '"
                + word
                + "': use embedded, embedded:train or embedded:heldout");
      } else {
        paths.add(existing(word));
      }
    }
    return List.copyOf(paths);
  }

  private static Path existing(String word) {
    Path path;
    try {
      path = Path.of(word);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "corpus path '" + word + "' is not a valid path: " + e.getReason());
    }
    if (!Files.exists(path)) {
      throw new InputException(path, 0, "no such file or directory (or use the word 'embedded')");
    }
    return path;
  }
}
