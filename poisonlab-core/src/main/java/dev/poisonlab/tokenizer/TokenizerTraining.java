/*
 * The `tokenizer train` use case: stream a corpus (io.CorpusReader), train BPE, write tokenizer.json atomically.
 * The output is written only after training succeeded, so bad input leaves no file behind.
 * Not the algorithm (BpeTrainer) and not the CLI (cli.TokenizerCommand).
 */
package dev.poisonlab.tokenizer;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;

public final class TokenizerTraining {

  /**
   * What was trained and written, and how many malformed lines were skipped (only with skipBad).
   */
  public record Report(Path out, BpeTrainer.Result result, List<Path> files, long skippedLines) {}

  private TokenizerTraining() {}

  public static Report train(
      List<Path> corpus,
      ReadOptions readOptions,
      BpeTrainerConfig config,
      Path out,
      Progress progress) {
    try (CorpusReader reader = CorpusReader.open(corpus, readOptions)) {
      BpeTrainer.Result result = BpeTrainer.trainOnDocuments(reader, config, progress);
      result.tokenizer().write(out);
      return new Report(out, result, reader.files(), reader.skippedCount());
    }
  }
}
