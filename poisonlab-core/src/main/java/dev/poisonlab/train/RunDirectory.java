/*
 * Sets up a run directory for training, or checks that it is this run's: a new one gets the stream's manifest
 * (and tokenizer.json and heldout.jsonl, if any) under data/ and then config.json; an existing one must carry
 * an equal config.json. Files are copied atomically. Not the lock (Trainer holds it) and not checkpoints.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

final class RunDirectory {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunDirectory() {}

  /**
   * A new run directory gets the stream's manifest (and tokenizer.json, if any) under data/ and
   * then config.json; an existing one must carry an equal config.json. Returns whether the run
   * existed (and so may hold checkpoints to resume from).
   */
  static boolean prepare(Path run, RunConfig config, Path dataDirectory) {
    Path configFile = run.resolve(Trainer.CONFIG_FILE);
    try {
      if (Files.exists(configFile)) {
        RunConfig existing = Trainer.readRunConfig(configFile);
        String difference = existing.firstDifference(config);
        if (difference != null) {
          throw new InputException(
              configFile,
              0,
              "this run was started with other settings ("
                  + difference
                  + "); repeat the original options to resume, or choose a new --out");
        }
        return true;
      }
      if (Files.isDirectory(run) && !isEmpty(run)) {
        throw new InputException(
            run,
            0,
            "exists, is not empty and has no " + Trainer.CONFIG_FILE + "; choose a new --out");
      }
      Path data = run.resolve(Trainer.DATA_DIRECTORY);
      Files.createDirectories(data);
      copyAtomically(
          dataDirectory.resolve(StreamManifest.MANIFEST_FILE),
          data.resolve(StreamManifest.MANIFEST_FILE));
      // tokenizer and held-out documents travel with the run, so evaluation works after the stream
      // is gone
      for (String name :
          new String[] {StreamManifest.TOKENIZER_FILE, StreamManifest.HELDOUT_FILE}) {
        Path source = dataDirectory.resolve(name);
        if (Files.isRegularFile(source)) {
          copyAtomically(source, data.resolve(name));
        }
      }
      AtomicFiles.writeString(configFile, JSON.writeValueAsString(config) + "\n");
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare run directory " + run + ": " + e.getMessage(), e);
    }
  }

  private static void copyAtomically(Path source, Path target) {
    AtomicFiles.write(target, out -> Files.copy(source, out));
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      // our own lock file does not make a new run directory "not empty"
      return entries.allMatch(
          entry -> entry.getFileName().toString().equals(DirectoryLock.LOCK_FILE));
    }
  }
}
