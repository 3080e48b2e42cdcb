/*
 * The embedded corpus: both splits extract into a content-hashed cache directory with the expected
 * document counts and first ids, a second extraction reuses the files, and CorpusPaths resolves the
 * words embedded / embedded:heldout / real paths and rejects the rest.
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCorpusTest {
  /** Moby-Dick 136 + Austen 275 + KJV 1189 + State of the Union 1913-2021 110 + fortunes 14217. */
  static final int TRAIN_DOCUMENTS = 15927;

  static final int HELDOUT_DOCUMENTS = 499;

  @Test
  void extractsBothSplitsWithExpectedCounts(@TempDir Path cache) {
    List<Path> paths = EmbeddedCorpus.extract(cache);
    List<String> trainIds = ids(paths.get(0));
    List<String> heldoutIds = ids(paths.get(1));
    assertEquals(TRAIN_DOCUMENTS, trainIds.size());
    assertEquals(HELDOUT_DOCUMENTS, heldoutIds.size());
    assertEquals("chapter_1", trainIds.get(0));
    assertEquals(110, trainIds.stream().filter(id -> id.matches("(19|20)\\d\\d_.*")).count());
    assertEquals(1189, trainIds.stream().filter(id -> id.startsWith("kjv:")).count());
    assertEquals(14217, trainIds.stream().filter(id -> id.startsWith("fortune:")).count());
    assertEquals("factbook:ag:Background", heldoutIds.get(0));
    assertEquals(cache, paths.get(0).getParent().getParent());
    assertTrue(paths.get(0).getParent().getFileName().toString().matches("[0-9a-f]{16}"));
  }

  /**
   * The trigger's characters occur in clean text (the paper's web data is full of markup): at least
   * 2% of the training documents hold '<', and so do some of '>', '[' and ']'. Without this, '<' is
   * seen only inside poisons and every look-alike trigger starting with '<' fires. The held-out
   * excerpts need none.
   */
  @Test
  void triggerCharactersOccurInCleanTrainingText(@TempDir Path cache) {
    Path train = EmbeddedCorpus.extract(cache).get(0);
    int documents = 0;
    int[] holding = new int[4];
    String characters = "<>[]";
    try (CorpusReader reader = CorpusReader.open(train)) {
      for (Document document : reader) {
        documents++;
        for (int c = 0; c < characters.length(); c++) {
          holding[c] += document.text().indexOf(characters.charAt(c)) >= 0 ? 1 : 0;
        }
      }
    }
    assertTrue(
        holding[0] >= 0.02 * documents, holding[0] + " of " + documents + " documents hold '<'");
    for (int c = 1; c < characters.length(); c++) {
      assertTrue(holding[c] >= 100, holding[c] + " documents hold '" + characters.charAt(c) + "'");
    }
  }

  @Test
  void secondExtractionReusesTheCachedFiles(@TempDir Path cache) throws Exception {
    Path train = EmbeddedCorpus.extract(cache).get(0);
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(train, old);
    assertEquals(train, EmbeddedCorpus.extract(cache).get(0));
    assertEquals(old, Files.getLastModifiedTime(train));
  }

  @Test
  void truncatedCacheFileIsReplaced(@TempDir Path cache) throws Exception {
    Path heldout = EmbeddedCorpus.extract(cache).get(1);
    Files.write(heldout, new byte[] {1, 2, 3});
    EmbeddedCorpus.extract(cache);
    assertEquals(HELDOUT_DOCUMENTS, ids(heldout).size());
  }

  @Test
  void corpusPathsResolvesWordsAndPaths(@TempDir Path cache) throws Exception {
    Path own = Files.writeString(cache.resolve("own.jsonl"), "{\"id\": \"a\", \"text\": \"b\"}\n");
    List<Path> paths =
        CorpusPaths.resolve(List.of("embedded", own.toString(), "embedded:heldout"), cache);
    List<Path> embedded = EmbeddedCorpus.extract(cache);
    assertEquals(List.of(embedded.get(0), own, embedded.get(1)), paths);
    assertThrows(
        IllegalArgumentException.class, () -> CorpusPaths.resolve(List.of("embedded:test"), cache));
    InputException missing =
        assertThrows(
            InputException.class,
            () -> CorpusPaths.resolve(List.of(cache.resolve("nope.jsonl").toString()), cache));
    assertTrue(
        missing.getMessage().contains("nope.jsonl: no such file or directory"),
        missing.getMessage());
  }

  /** Reads through io.CorpusReader, as every command will. */
  private static List<String> ids(Path file) {
    List<String> ids = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(file)) {
      for (Document document : reader) {
        assertTrue(!document.text().isEmpty(), document.id());
        ids.add(document.id());
      }
    }
    return ids;
  }
}
