/*
 * The default corpus shipped inside the jar (train: Moby-Dick, Austen, KJV, State of the Union 1913-2021;
 * heldout: CIA World Factbook prose), made available as gzipped JSONL files on disk because every reader
 * takes Paths. Files are extracted once per content hash, atomically, so concurrent runs never see halves.
 * Not a reader and not a downloader: provenance is in resources/dev/poisonlab/corpus/SOURCES.md.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

public final class EmbeddedCorpus {
  /** The two splits, in the order their resources are hashed. */
  public enum Split {
    TRAIN("train.jsonl.gz"),
    HELDOUT("heldout.jsonl.gz");

    private final String fileName;

    Split(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  private static final String RESOURCE_DIRECTORY = "/dev/poisonlab/corpus/";

  private EmbeddedCorpus() {}

  /**
   * Default cache: ${user.home}/.cache/poisonlab/embedded (or $POISONLAB_CACHE/embedded when set).
   */
  public static Path defaultCacheRoot() {
    String override = System.getenv("POISONLAB_CACHE");
    Path base =
        override != null && !override.isBlank()
            ? Path.of(override)
            : Path.of(System.getProperty("user.home"), ".cache", "poisonlab");
    return base.resolve("embedded");
  }

  /** The file of one split, extracted under the default cache root. */
  public static Path path(Split split) {
    return extract(defaultCacheRoot()).get(split.ordinal());
  }

  /**
   * Extracts both splits into {@code cacheRoot/<content-hash>/} unless already there, and returns
   * their paths in {@link Split} order. The hash covers the resource bytes, so a new jar never
   * reuses old files.
   */
  public static List<Path> extract(Path cacheRoot) {
    byte[][] contents = new byte[Split.values().length][];
    MessageDigest digest = sha256();
    for (Split split : Split.values()) {
      contents[split.ordinal()] = readResource(split.fileName());
      digest.update(contents[split.ordinal()]);
    }
    String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    Path directory = cacheRoot.resolve(hash);
    for (Split split : Split.values()) {
      Path target = directory.resolve(split.fileName());
      if (!isComplete(target, contents[split.ordinal()].length)) {
        byte[] bytes = contents[split.ordinal()];
        AtomicFiles.write(target, out -> out.write(bytes));
      }
    }
    return List.of(
        directory.resolve(Split.TRAIN.fileName()), directory.resolve(Split.HELDOUT.fileName()));
  }

  private static boolean isComplete(Path target, long expectedSize) {
    try {
      return Files.isRegularFile(target) && Files.size(target) == expectedSize;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] readResource(String fileName) {
    String name = RESOURCE_DIRECTORY + fileName;
    try (InputStream in = EmbeddedCorpus.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "embedded corpus resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read embedded resource " + name, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
