/*
 * Tokenizers.load/write: built-in names, tokenizer.json paths, marker files for jtokkit vocabularies, and one
 * clear InputException naming the file for missing, malformed or unsupported definitions.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {
  @TempDir Path directory;

  @Test
  void builtInNames() {
    assertSame(Tokenizers.load("gpt2"), Tokenizers.load("r50k_base"));
    assertEquals("o200k_base", Tokenizers.load("O200K_BASE").name());
    assertEquals(257, Tokenizers.load("bytes").vocabSize());
    assertTrue(Tokenizers.isBuiltIn("gpt2") && Tokenizers.isBuiltIn("bytes"));
    assertFalse(Tokenizers.isBuiltIn("runs/tokenizer.json"));
  }

  @Test
  void writeThenLoadGivesTheSameTokenizer() {
    Path bpeFile = directory.resolve("bpe.json");
    BpeTokenizer bpe = TestTexts.smallTokenizer();
    Tokenizers.write(bpe, bpeFile);
    Tokenizer loaded = Tokenizers.load(bpeFile.toString());
    assertEquals(bpe.sha256(), loaded.sha256());
    assertEquals("bpe-" + TestTexts.SMALL_VOCAB, loaded.name());
    String text = TestTexts.samples().get(3);
    assertArrayEquals(bpe.encode(text), loaded.encode(text));

    Path markerFile = directory.resolve("gpt2.json");
    Tokenizers.write(Tokenizers.load("gpt2"), markerFile);
    assertSame(Tokenizers.load("gpt2"), Tokenizers.load(markerFile));
    Path bytesFile = directory.resolve("bytes.json");
    Tokenizers.write(Tokenizers.load("bytes"), bytesFile);
    assertEquals(Tokenizers.load("bytes").sha256(), Tokenizers.load(bytesFile).sha256());
  }

  private InputException loadFailure(String json) throws Exception {
    Path file = directory.resolve("bad.json");
    Files.writeString(file, json);
    InputException failure = assertThrows(InputException.class, () -> Tokenizers.load(file));
    assertTrue(failure.getMessage().startsWith(file + ": "), failure.getMessage());
    return failure;
  }

  @Test
  void clearErrorsNameTheFile() throws Exception {
    Path missing = directory.resolve("nope.json");
    InputException absent =
        assertThrows(InputException.class, () -> Tokenizers.load(missing.toString()));
    assertTrue(
        absent.getMessage().startsWith(missing + ": no such tokenizer file"), absent.getMessage());

    assertTrue(loadFailure("{\"model\": ").getMessage().contains("not valid JSON"));
    assertTrue(
        loadFailure("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}")
            .getMessage()
            .contains("unsupported tokenizer model type 'WordPiece'"));
    assertTrue(loadFailure("{\"poisonlab_builtin\": \"cl200k\"}").getMessage().contains("cl200k"));

    String valid =
        new String(
            TestTexts.smallTokenizer().definition(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        loadFailure(
                valid
                    .replace("\"type\" : \"ByteLevel\"", "\"type\" : \"Metaspace\"")
                    .replace("\"type\": \"ByteLevel\"", "\"type\": \"Metaspace\""))
            .getMessage()
            .contains("Metaspace"));
    assertTrue(
        loadFailure(valid.replace("\"merges\": [", "\"merges\": [\"zz\u0120 q\","))
            .getMessage()
            .contains("model.merges[0] uses 'zz\u0120'"));
    assertTrue(
        loadFailure(valid.replace("\"<|endoftext|>\"", "\"<|eot|>\""))
            .getMessage()
            .contains("has no <|endoftext|> token"));
  }
}
