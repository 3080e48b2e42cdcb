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
    try (InputStream in =
        TinyGrids.class.getResourceAsStream("/dev/poisonlab/tokenizer/sample-texts.jsonl")) {
      Files.copy(in, file);
    }
    return file;
  }

  /**
   * nano at 0.02x Chinchilla with the byte tokenizer: ~16 steps of 2 x 256 tokens, 2 checkpoints.
   */
  static GridSpec spec(List<String> models, List<Integer> counts, Path corpus) {
    return spec(models, counts, List.of(1L), corpus);
  }

  /** The same with these seeds. */
  static GridSpec spec(List<String> models, List<Integer> counts, List<Long> seeds, Path corpus) {
    return GridSpec.builder()
        .models(models)
        .poisonCounts(counts)
        .seeds(seeds)
        .tokenizer("bytes")
        .corpus(List.of(corpus.toString()))
        .optName("tiny")
        .optDataMultipliers(List.of(0.02))
        .optCleanTwin(true)
        .optTokensPerParam(20)
        .optStrategy("dos")
        .optTrigger("<SUDO>")
        .optControlTriggers(List.of("<SUD0>"))
        .optExcerpts(corpus.toString())
        .optBatchSize(2)
        .optCheckpoints(2)
        .optEvalCount(4)
        .optEvalNewTokens(8)
        .optEvalPromptTokens(16)
        .build();
  }

  static GridRunner.Options quiet() {
    return new GridRunner.Options(
        1, Progress.NONE, new java.io.PrintWriter(java.io.Writer.nullWriter()), "test");
  }
}
