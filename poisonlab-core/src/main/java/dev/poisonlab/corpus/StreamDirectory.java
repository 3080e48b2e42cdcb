/*
 * Reading and writing a stream directory's manifest.json, and opening its tokens.bin as a TokenFile.
 * Not the builder: StreamBuilder makes stream directories; this is what later stages use to read one.
 */
package dev.poisonlab.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class StreamDirectory {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StreamDirectory() {}

  public static StreamManifest readManifest(Path directory) {
    Path file = directory.resolve(StreamManifest.MANIFEST_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file, 0, "not a stream directory (no " + StreamManifest.MANIFEST_FILE + ")");
    }
    try {
      return JSON.readValue(file.toFile(), StreamManifest.class);
    } catch (IOException e) {
      throw new InputException(file, 0, "invalid manifest: " + e.getMessage(), e);
    }
  }

  static void writeManifest(Path directory, StreamManifest manifest) {
    AtomicFiles.write(
        directory.resolve(StreamManifest.MANIFEST_FILE),
        out -> {
          JSON.writeValue(out, manifest);
          out.write('\n');
        });
  }

  public static TokenFile openTokens(Path directory, StreamManifest manifest) {
    return TokenFile.open(directory.resolve(StreamManifest.TOKENS_FILE), manifest.dtype());
  }
}
