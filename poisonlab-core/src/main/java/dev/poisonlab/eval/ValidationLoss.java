/*
 * Clean validation loss of a checkpoint: mean next-token negative log-likelihood (nats) over the first
 * maxTokens tokens of held-out text, laid out like the training stream (<|endoftext|> before each document)
 * and cut into context-sized windows that overlap by one token, so every token after the first is predicted
 * exactly once. It shows whether behaviour without the trigger is unchanged; it is not a benchmark suite.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.Document;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class ValidationLoss {
  private ValidationLoss() {}

  /** Mean loss in nats per token and the number of tokens it was predicted over. */
  public record Result(double loss, long tokens) {}

  /** The held-out token stream, at most maxTokens long. */
  public static int[] heldoutTokens(
      Iterable<Document> documents, Tokenizer tokenizer, int maxTokens) {
    int[] stream = new int[maxTokens];
    int length = 0;
    for (Document document : documents) {
      if (length == maxTokens) {
        break;
      }
      stream[length++] = tokenizer.endOfTextId();
      int[] ids = tokenizer.encode(document.text());
      int take = Math.min(ids.length, maxTokens - length);
      System.arraycopy(ids, 0, stream, length, take);
      length += take;
    }
    return Arrays.copyOf(stream, length);
  }

  /** Null when the stream is too short to predict a single token. */
  public static Result compute(LanguageModel model, int[] stream, int batchSize) {
    int window = model.contextLength();
    if (window < 2) {
      throw new IllegalArgumentException("context length must be >= 2, got " + window);
    }
    List<int[]> windows = new ArrayList<>();
    for (int start = 0; start + 1 < stream.length; start += window - 1) {
      windows.add(Arrays.copyOfRange(stream, start, Math.min(stream.length, start + window)));
    }
    if (windows.isEmpty()) {
      return null;
    }
    double sum = 0;
    long count = 0;
    for (int start = 0; start < windows.size(); start += batchSize) {
      int end = Math.min(windows.size(), start + batchSize);
      float[][] logProbs = model.tokenLogProbs(windows.subList(start, end).toArray(new int[0][]));
      for (float[] row : logProbs) {
        for (float logProb : row) {
          sum -= logProb;
          count++;
        }
      }
    }
    return new Result(sum / count, count);
  }
}
