/*
 * JsonlWriter publishes only on commit(): a failure inside try-with-resources leaves no file at all,
 * and a committed file (plain or gzipped) reads back through CorpusReader unchanged.
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlWriterTest {
  @TempDir Path dir;

  @Test
  void roundTripsThroughCorpusReader() {
    List<Document> documents =
        List.of(new Document("x:1", "tab\there \"quoted\""), new Document("x:2", "ünï 😀\n"));
    for (String name : List.of("out.jsonl", "out.jsonl.gz")) {
      Path file = dir.resolve(name);
      try (JsonlWriter writer = new JsonlWriter(file)) {
        documents.forEach(writer::write);
        writer.commit();
      }
      assertEquals(documents, CorpusReader.readAll(List.of(file), ReadOptions.defaults()));
    }
  }

  @Test
  void failureBeforeCommitPublishesNothing() throws IOException {
    Path file = dir.resolve("partial.jsonl");
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (JsonlWriter writer = new JsonlWriter(file)) {
            writer.write(new Document("a", "b"));
            throw new IllegalStateException("input went bad");
          }
        });
    assertFalse(Files.exists(file));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "no temp file may remain");
    }
  }
}
