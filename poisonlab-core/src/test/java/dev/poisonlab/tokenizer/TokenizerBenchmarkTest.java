/*
 * The tokenizer benchmark on the small fixture corpus: every encoder sees every document, token counts equal the
 * encoders' own output, and Hugging Face's native encoder agrees with ours on all documents. No timing asserted.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerBenchmarkTest {
  @TempDir Path directory;

  @Test
  void measuresEveryEncoderOnTheWholeCorpus() throws Exception {
    Path corpus = directory.resolve("sample.jsonl");
    try (InputStream in = getClass().getResourceAsStream("sample-texts.jsonl")) {
      Files.write(corpus, in.readAllBytes());
    }
    TokenizerBenchmark.Report report =
        TokenizerBenchmark.run(
            List.of(corpus),
            ReadOptions.defaults(),
            new BpeTrainerConfig(800, 2, 2),
            true,
            Progress.NONE);
    assertEquals(0, report.hfMismatches());
    assertEquals(3, report.encoders().size());
    long expectedBytes = 0;
    long expectedGpt2Tokens = 0;
    for (String text : TestTexts.samples()) {
      expectedBytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      expectedGpt2Tokens += Tokenizers.load("gpt2").encode(text).length;
    }
    for (TokenizerBenchmark.EncoderFigure figure : report.encoders()) {
      assertEquals(TestTexts.samples().size(), figure.documents(), figure.encoder());
      assertEquals(expectedBytes, figure.utf8Bytes(), figure.encoder());
      assertTrue(
          figure.cpuTime().toNanos() > 0 && figure.wallTime().toNanos() > 0, figure.encoder());
    }
    assertEquals(expectedGpt2Tokens, report.encoders().get(1).tokens());
    assertEquals(report.encoders().get(0).tokens(), report.encoders().get(2).tokens());
  }
}
