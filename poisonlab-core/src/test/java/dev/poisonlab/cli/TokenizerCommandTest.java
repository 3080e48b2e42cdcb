/*
 * `tokenizer train` end to end through picocli: writes a loadable tokenizer.json, fails with exit 2 and one
 * FILE:LINE line (and no output file) on a malformed corpus line, and counts skipped lines with --skip-bad.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerCommandTest {
  @TempDir Path directory;

  private Path corpus(String extraLine) throws Exception {
    Path file = directory.resolve("corpus.jsonl");
    try (InputStream in =
        getClass().getResourceAsStream("/dev/poisonlab/tokenizer/sample-texts.jsonl")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(file, extraLine + text);
    }
    return file;
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter err = new StringWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      var commandLine = Main.commandLine();
      commandLine.setErr(new PrintWriter(err, true));
      code = commandLine.execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void trainsAndWritesLoadableTokenizer() throws Exception {
    Path out = directory.resolve("tok.json");
    Run run =
        run(
            "tokenizer",
            "train",
            "--corpus",
            corpus("").toString(),
            "--vocab-size",
            "600",
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("trained bpe-600 on 138 documents"), run.out());
    Tokenizer tokenizer = Tokenizers.load(out);
    assertEquals(600, tokenizer.vocabSize());
    assertTrue(run.out().contains(tokenizer.sha256()), run.out());
  }

  @Test
  void badLineFailsWithFileAndLineAndWritesNothing() throws Exception {
    Path out = directory.resolve("tok.json");
    Path corpus = corpus("{\"text\": 42}\n");
    Run run =
        run(
            "tokenizer",
            "train",
            "--corpus",
            corpus.toString(),
            "--vocab-size",
            "600",
            "--out",
            out.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(corpus + ":1: "), run.err());
    assertFalse(Files.exists(out));
    try (var listing = Files.list(directory)) {
      assertEquals(1, listing.count(), "no temp files left beside the corpus");
    }

    Run skipping =
        run(
            "tokenizer",
            "train",
            "--corpus",
            corpus.toString(),
            "--vocab-size",
            "600",
            "--out",
            out.toString(),
            "--skip-bad");
    assertEquals(0, skipping.exitCode(), skipping.err());
    assertTrue(skipping.out().contains("skipped 1 malformed lines"), skipping.out());
  }

  @Test
  void rejectsTooSmallVocabularyNamingTheOption() throws Exception {
    Run run =
        run(
            "tokenizer",
            "train",
            "--corpus",
            corpus("").toString(),
            "--vocab-size",
            "100",
            "--out",
            directory.resolve("x.json").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("vocab_size"), run.err());
  }
}
