/*
 * CorpusReader on hand-made files: every supported layout reads back exactly, and every kind of malformed
 * input names its file and line (or is skipped and counted with skipBad).
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(bytes);
      }
    } else {
      Files.write(file, bytes);
    }
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsJsonlTextAndGzipInSortedOrderKeepingIds() throws IOException {
    write(
        "corpus/b.jsonl.gz",
        "{\"id\":\"b1\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\"}\n\n{\"id\":7,\"text\":\"two\"}\n");
    write("corpus/a.jsonl", "{\"text\":\"no id\"}\r\n");
    write("corpus/sub/c.txt", "line one\nline two");
    write("corpus/ignored.bin", "x");
    List<Document> documents =
        CorpusReader.readAll(List.of(dir.resolve("corpus")), ReadOptions.defaults());
    assertEquals(4, documents.size());
    assertEquals(new Document("a.jsonl:1", "no id"), documents.get(0));
    assertEquals(new Document("b1", "café 😀"), documents.get(1));
    assertEquals(new Document("7", "two"), documents.get(2));
    assertEquals("line one\nline two", documents.get(3).text());
  }

  @Test
  void customTextField() throws IOException {
    Path file = write("c.jsonl", "{\"body\":\"hello\",\"text\":\"not this\"}\n");
    List<Document> documents = CorpusReader.readAll(List.of(file), new ReadOptions("body", false));
    assertEquals("hello", documents.get(0).text());
  }

  @Test
  void badJsonOnLineThreeNamesFileAndLine() throws IOException {
    Path file =
        write(
            "bad.jsonl",
            "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\": oops}\n{\"text\":\"d\"}\n");
    InputException error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(file), ReadOptions.defaults()));
    assertEquals(3, error.line());
    assertTrue(error.getMessage().startsWith(file + ":3: invalid JSON"), error.getMessage());
  }

  /**
   * One JSON object per line: trailing text or a second object is an error, not a silently dropped
   * rest.
   */
  @Test
  void trailingTextOrASecondObjectOnALineNamesFileAndLine() throws IOException {
    for (String bad :
        new String[] {
          "{\"text\":\"a\"} garbage",
          "{\"text\":\"a\"}{\"text\":\"b\"}",
          "{\"text\":\"a\"} {\"text\":\"b\"}",
          "{\"text\":\"a\"} 5"
        }) {
      Path file = write("trailing.jsonl", "{\"text\":\"ok\"}\n" + bad + "\n");
      InputException error =
          assertThrows(
              InputException.class,
              () -> CorpusReader.readAll(List.of(file), ReadOptions.defaults()),
              bad);
      assertEquals(2, error.line(), bad);
      assertTrue(error.getMessage().startsWith(file + ":2: invalid JSON"), error.getMessage());
    }
    // negative control: trailing whitespace is still fine
    Path fine = write("fine.jsonl", "{\"text\":\"a\"}   \t\n");
    assertEquals(1, CorpusReader.readAll(List.of(fine), ReadOptions.defaults()).size());
  }

  @Test
  void missingFieldAndWrongTypeAreReported() throws IOException {
    Path missing = write("missing.jsonl.gz", "{\"text\":\"a\"}\n{\"content\":\"b\"}\n");
    InputException error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(missing), ReadOptions.defaults()));
    assertEquals(missing + ":2: missing field 'text'", error.getMessage());
    Path number = write("number.jsonl", "{\"text\":5}\n");
    error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(number), ReadOptions.defaults()));
    assertEquals(number + ":1: field 'text' is not a string", error.getMessage());
  }

  @Test
  void invalidUtf8IsReportedWithItsLine() throws IOException {
    byte[] good = "{\"text\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {
      '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'
    };
    byte[] all = new byte[good.length * 2 + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(good, 0, all, good.length, good.length);
    System.arraycopy(bad, 0, all, good.length * 2, bad.length);
    Path file = write("latin.jsonl", all);
    InputException error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(file), ReadOptions.defaults()));
    assertEquals(file + ":3: invalid UTF-8", error.getMessage());
    Path text = write("latin.txt", bad);
    error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(text), ReadOptions.defaults()));
    assertEquals(text + ":1: invalid UTF-8", error.getMessage());
  }

  @Test
  void skipBadSkipsAndCounts() throws IOException {
    Path file =
        write("mixed.jsonl", "{\"text\":\"a\"}\nnot json\n{\"other\":1}\n[1]\n{\"text\":\"e\"}\n");
    try (CorpusReader reader = CorpusReader.open(List.of(file), new ReadOptions("text", true))) {
      List<String> texts = reader.stream().map(Document::text).toList();
      assertEquals(List.of("a", "e"), texts);
      assertEquals(3, reader.skippedCount());
      assertEquals(2, reader.documentCount());
    }
  }

  @Test
  void missingPathAndEmptyDirectoryFailBeforeReading() throws IOException {
    Path nowhere = dir.resolve("nowhere.jsonl");
    InputException error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.open(List.of(nowhere), ReadOptions.defaults()));
    assertEquals(nowhere + ": no such file or directory", error.getMessage());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThrows(
        InputException.class, () -> CorpusReader.open(List.of(empty), ReadOptions.defaults()));
  }

  /** A FIFO exists but is no corpus: named as such, not as a missing file (issue 15, item 7). */
  @Test
  void aPipeIsNamedAsNotARegularFile() throws IOException, InterruptedException {
    Path fifo = dir.resolve("pipe.jsonl");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is available");
    InputException error =
        assertThrows(
            InputException.class, () -> CorpusReader.open(List.of(fifo), ReadOptions.defaults()));
    assertTrue(
        error.getMessage().startsWith(fifo + ": not a regular file or directory"),
        error.getMessage());
  }

  @Test
  void notGzipDataIsAClearError() throws IOException {
    Path file = dir.resolve("fake.jsonl.gz");
    Files.writeString(file, "{\"text\":\"plain\"}\n");
    InputException error =
        assertThrows(
            InputException.class,
            () -> CorpusReader.readAll(List.of(file), ReadOptions.defaults()));
    assertTrue(error.getMessage().contains("not valid gzip data"), error.getMessage());
  }
}
