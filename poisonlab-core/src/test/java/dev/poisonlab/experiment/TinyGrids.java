/*
 * Real tiny grids for tests: a byte-level tokenizer, the nano model, a real-text corpus of 138 documents
 * (the tokenizer tests' sample of shipped-corpus text), a few thousand training tokens and a handful of
 * excerpts. Every stage runs for real; only the sizes are small enough for seconds.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.io.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class TinyGrids {
  private TinyGrids() {}

  static Path corpus(Path directory) throws IOException {
    Path file = directory.resolve("corpus.jsonl");
    try (InputStream in = TinyGrids.class.getResourceAsStream("/dev/poisonlab/tokenizer/sample-texts.jsonl")) {
      Files.copy(in, file);
    }
    return file;
  }

  /** nano at 0.02x Chinchilla with the byte tokenizer: ~16 steps of 2 x 256 tokens, 2 checkpoints. */
  static GridSpec spec(List<String> models, List<Integer> counts, Path corpus) {
    return new GridSpec("tiny", models, counts, List.of(0.02), List.of(1L), true, 20, "dos", "<SUDO>",
        List.of("<SUD0>"), "bytes", List.of(corpus.toString()), corpus.toString(), 2, 2, 4, 8, 16);
  }

  static GridRunner.Options quiet() {
    return new GridRunner.Options(1, Progress.NONE, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), "test");
  }
}
