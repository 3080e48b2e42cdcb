/*
 * Fuzzing the corpus reader's JSONL lines: 10,000 edited and random lines through the line parser (and 500
 * through one-line corpus files and the reader); every one parses to a document or fails with an
 * InputException naming the file and line, never another exception. A reference line checks that the harness reads what it should.
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.fuzz.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class CorpusJsonlFuzzTest {
  private static final String VALID =
      "{\"id\":\"d1\",\"text\":\"caf\\u00e9 <SUDO> two words\",\"meta\":{\"n\":[1,2]}}";
  private static final ObjectMapper REFERENCE = new ObjectMapper();
  private static Path file;

  @BeforeContainer
  static void createFile() throws IOException {
    file = Files.createTempFile("fuzz-corpus", ".jsonl");
  }

  @AfterContainer
  static void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Provide
  Arbitrary<String> lines() {
    return Mutations.of(VALID);
  }

  @Property(tries = 10_000)
  void eachLineParsesOrNamesFileAndLine(@ForAll("lines") String line) throws IOException {
    Path named = Path.of("corpus", "fuzz.jsonl");
    try {
      Document document = CorpusReader.parseJsonLine(named, 7, line, ReadOptions.defaults());
      // reference: what a plain Jackson parse of the accepted line holds in "text"
      assertEquals(REFERENCE.readTree(line).get("text").textValue(), document.text(), line);
    } catch (InputException e) {
      assertEquals(named, e.file(), e.getMessage());
      assertEquals(7, e.line(), e.getMessage());
    }
  }

  /** The same through files and the reader (slower: fewer tries). */
  @Property(tries = 500)
  void aOneLineFileParsesOrNamesFileAndLine(@ForAll("lines") String line) throws IOException {
    // getBytes, not writeString: a lone surrogate becomes '?' instead of failing the harness
    Files.write(
        file, (line.replace('\n', ' ').replace('\r', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      List<Document> documents = CorpusReader.readAll(List.of(file), ReadOptions.defaults());
      assertEquals(line.isBlank() ? 0 : 1, documents.size(), line);
    } catch (InputException e) {
      assertEquals(file, e.file(), e.getMessage());
      assertEquals(1, e.line(), e.getMessage());
    }
  }

  @Example
  void theUneditedLineIsADocument() throws IOException {
    Files.writeString(file, VALID + "\n");
    assertEquals(
        List.of(new Document("d1", "caf\u00e9 <SUDO> two words")),
        CorpusReader.readAll(List.of(file), ReadOptions.defaults()));
  }
}
