/*
 * What evaluating a run needs from it: its tokenizer and context length, its checkpoints with their place in
 * training, a way to open one as a LanguageModel, and its held-out documents. The trained-GPT implementation
 * is GptRunSource, a Hugging Face GPT-2 directory is HfRunSource; tests use small in-memory ones.
 * Not a checkpoint format.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.Document;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.List;

public interface RunSource {

  /**
   * A run directory written by train, or a Hugging Face GPT-2 directory (its config.json names a
   * model_type).
   */
  static RunSource open(Path directory) {
    return dev.poisonlab.model.HfGpt2Config.isHuggingFaceDirectory(directory)
        ? HfRunSource.open(directory)
        : GptRunSource.open(directory);
  }

  Path directory();

  Tokenizer tokenizer();

  int contextLength();

  /** Every saved checkpoint, ascending by step. */
  List<CheckpointInfo> checkpoints();

  /** Loads one checkpoint for inference; the caller closes it. */
  LanguageModel open(CheckpointInfo checkpoint);

  /** Documents held out of training (empty when the run kept none). */
  List<Document> heldout();

  /**
   * The stream the run trained on, for clean token counts; by default unknown (in-memory and
   * foreign runs).
   */
  default TrainingStream trainingStream() {
    return TrainingStream.unavailable("the run names no training stream");
  }
}
