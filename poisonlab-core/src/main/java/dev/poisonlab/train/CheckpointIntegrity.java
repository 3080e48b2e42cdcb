/*
 * What checkpoint.json records so a resume can trust a checkpoint: the SHA-256 of each data file and of the
 * state itself (step, poisons seen, data position, ... serialized without this record). Checkpoints written
 * before this existed carry none: they are "legacy" and are checked only for what needs no hash (their step
 * against their directory name; SafeTensors checks headers). Not a loader: TrainCheckpoint restores.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public final class CheckpointIntegrity {
  /** Compact, so the state hash does not depend on pretty-printing. */
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /**
   * checkpoint.json's "integrity" object: file name to SHA-256 (hex), and the SHA-256 of the state.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Seal(Map<String, String> files, String stateSha256) {}

  private CheckpointIntegrity() {}

  /**
   * {@code state} (its own seal ignored) sealed with the hashes of the files it was written beside.
   */
  static TrainCheckpoint.State seal(TrainCheckpoint.State state, Map<String, String> fileHashes) {
    TrainCheckpoint.State bare = state.withSeal(null);
    // sorted by file name, so checkpoint.json's bytes are the same every run; verify() reads the
    // map in any order (and the state hash leaves the seal out), so older files still verify
    Map<String, String> files = Collections.unmodifiableMap(new TreeMap<>(fileHashes));
    return bare.withSeal(new Seal(files, stateHash(bare)));
  }

  /**
   * Throws InputException naming the first problem of checkpoint {@code directory} whose
   * checkpoint.json holds {@code state}: a step unlike the directory's name, a changed state, a
   * missing or changed file. Returns whether the checkpoint was sealed (false: legacy, trusted as
   * far as it loads).
   */
  static boolean verify(Path directory, TrainCheckpoint.State state) {
    Path stateFile = directory.resolve(GptCheckpoint.CHECKPOINT_FILE);
    String expectedName = String.format(Locale.ROOT, "step-%08d", state.step());
    if (!directory.getFileName().toString().equals(expectedName)) {
      throw new InputException(
          stateFile,
          0,
          "records step " + state.step() + " in directory " + directory.getFileName());
    }
    Seal seal = state.seal();
    if (seal == null) {
      return false;
    }
    if (!stateHash(state.withSeal(null)).equals(seal.stateSha256())) {
      throw new InputException(
          stateFile, 0, "state differs from its recorded SHA-256 (edited or corrupt)");
    }
    for (String required :
        new String[] {GptCheckpoint.WEIGHTS_FILE, TrainCheckpoint.OPTIMIZER_FILE}) {
      if (seal.files() == null || !seal.files().containsKey(required)) {
        throw new InputException(stateFile, 0, "records no SHA-256 for " + required);
      }
    }
    seal.files()
        .forEach(
            (name, hash) -> {
              Path file = directory.resolve(name);
              if (name.contains("/") || name.contains("\\") || !hash.equals(sha256(file))) {
                throw new InputException(
                    file, 0, "SHA-256 differs from the one recorded in checkpoint.json");
              }
            });
    return true;
  }

  static String stateHash(TrainCheckpoint.State bare) {
    try {
      return HexFormat.of().formatHex(digest().digest(COMPACT.writeValueAsBytes(bare)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("checkpoint state does not serialize", e);
    }
  }

  /** SHA-256 of a file (hex); a missing or unreadable file is an InputException naming it. */
  static String sha256(Path file) {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, "missing");
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A stream that hashes what passes through it into {@code digest} (get one from {@link
   * #digest()}).
   */
  static OutputStream hashing(OutputStream out, MessageDigest digest) {
    return new DigestOutputStream(out, digest);
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
