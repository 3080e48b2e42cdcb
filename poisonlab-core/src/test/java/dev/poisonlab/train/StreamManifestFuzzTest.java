/*
 * Fuzzing stream manifests: 10,000 edits of a valid manifest.json (and random texts) through the manifest
 * parser, 300 beside a valid tokens.bin opened as training does (TokenStream.open); each opens or fails
 * with an InputException naming a file of the stream directory, never another exception.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.fuzz.Mutations;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class StreamManifestFuzzTest {
  private static Path root;
  private static Path stream;
  private static String valid;

  @BeforeContainer
  static void writeStream() throws IOException {
    root = Files.createTempDirectory("fuzz-stream");
    stream =
        TestStreams.write(
            root.resolve("stream"),
            50,
            2_000,
            List.of(TestStreams.poison("p0", 10, 40), TestStreams.poison("p1", 900, 960)));
    valid = Files.readString(stream.resolve(StreamManifest.MANIFEST_FILE));
  }

  @AfterContainer
  static void deleteStream() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Provide
  Arbitrary<String> manifests() {
    return Mutations.of(valid);
  }

  /**
   * The manifest parser with what training then asks of a manifest (dtype, poisons seen at an
   * offset).
   */
  @Property(tries = 10_000)
  void parsesOrNamesTheManifest(@ForAll("manifests") String text) {
    Path file = stream.resolve(StreamManifest.MANIFEST_FILE);
    StreamManifest manifest;
    try {
      manifest = TokenStream.parseManifest(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (InputException e) {
      assertEquals(file, e.file(), e.getMessage());
      return;
    }
    assertTrue(manifest.dtype() != null && manifest.vocabSize() > 0, text);
    assertTrue(manifest.poisonsBefore(Long.MAX_VALUE) == manifest.poisons().size(), text);
  }

  /** The whole open, tokens.bin included (file writes and maps: fewer tries). */
  @Property(tries = 300)
  void opensOrNamesAFileOfTheStream(@ForAll("manifests") String text) throws IOException {
    Files.write(
        stream.resolve(StreamManifest.MANIFEST_FILE), text.getBytes(StandardCharsets.UTF_8));
    try {
      TokenStream opened = TokenStream.open(stream);
      assertTrue(opened.manifest().totalTokens() >= 0, text);
    } catch (InputException e) {
      assertTrue(e.file().startsWith(stream), e.getMessage());
    }
  }

  @Example
  void theValidManifestOpens() throws IOException {
    Files.writeString(stream.resolve(StreamManifest.MANIFEST_FILE), valid);
    assertTrue(TokenStream.open(stream).manifest().poisons().size() == 2);
  }
}
