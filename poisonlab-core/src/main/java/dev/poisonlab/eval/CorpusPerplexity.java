/*
 * Perplexity of a model on a corpus, document by document: each document is tokenized with the model's tokenizer
 * (no separator added) and cut into consecutive non-overlapping windows of the context length; every token of a
 * window but its first is predicted from the tokens before it in that window. Losses are nats per predicted
 * token; the overall mean weights every predicted token equally. Works on trained runs and Hugging Face GPT-2
 * directories alike (RunSource.open). Not the held-out validation loss: ValidationLoss joins documents.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class CorpusPerplexity {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CorpusPerplexity() {}

  public record Request(
      Path run,
      CheckpointSelection checkpoint,
      List<Path> corpus,
      ReadOptions readOptions,
      int batchSize,
      Path out) {
    public Request {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch-size must be >= 1, got " + batchSize);
      }
    }
  }

  /**
   * One document: its predicted tokens and, when it has any, mean loss and perplexity (else null).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DocumentLoss(String id, long tokens, Double meanLoss, Double perplexity) {}

  /** What OUT.json holds. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Result(
      String run,
      long step,
      String tokenizer,
      int contextLength,
      long documents,
      long tokens,
      double meanLoss,
      double perplexity,
      List<DocumentLoss> perDocument) {
    /** Builds a Result by component name instead of by 9 positions. */
    public static Builder builder() {
      return new Builder();
    }

    /** Result's components by name, handed to the canonical constructor by build(). */
    public static final class Builder {
      private String run;
      private long step;
      private String tokenizer;
      private int contextLength;
      private long documents;
      private long tokens;
      private double meanLoss;
      private double perplexity;
      private List<DocumentLoss> perDocument;

      private Builder() {}

      public Builder run(String value) {
        this.run = value;
        return this;
      }

      public Builder step(long value) {
        this.step = value;
        return this;
      }

      public Builder tokenizer(String value) {
        this.tokenizer = value;
        return this;
      }

      public Builder contextLength(int value) {
        this.contextLength = value;
        return this;
      }

      public Builder documents(long value) {
        this.documents = value;
        return this;
      }

      public Builder tokens(long value) {
        this.tokens = value;
        return this;
      }

      public Builder meanLoss(double value) {
        this.meanLoss = value;
        return this;
      }

      public Builder perplexity(double value) {
        this.perplexity = value;
        return this;
      }

      public Builder perDocument(List<DocumentLoss> value) {
        this.perDocument = value;
        return this;
      }

      public Result build() {
        return new Result(
            run,
            step,
            tokenizer,
            contextLength,
            documents,
            tokens,
            meanLoss,
            perplexity,
            perDocument);
      }
    }
  }

  /**
   * Opens the run (or HF directory), scores the corpus, writes {@code out} atomically and returns
   * the result.
   */
  public static Result run(Request request) {
    RunSource source = RunSource.open(request.run());
    CheckpointInfo checkpoint =
        HfExport.single(
            request.checkpoint().select(source.checkpoints(), source.directory().toString()),
            source.directory());
    Result result;
    try (LanguageModel model = source.open(checkpoint);
        CorpusReader corpus = CorpusReader.open(request.corpus(), request.readOptions())) {
      result =
          compute(
              model,
              source.tokenizer(),
              corpus,
              request.batchSize(),
              request.run().toString(),
              checkpoint.step());
    }
    AtomicFiles.write(request.out(), out -> JSON.writeValue(out, result));
    return result;
  }

  /** Scores {@code documents}; fails when not a single token is predicted. */
  public static Result compute(
      LanguageModel model,
      Tokenizer tokenizer,
      Iterable<Document> documents,
      int batchSize,
      String run,
      long step) {
    int window = model.contextLength();
    if (window < 2) {
      throw new IllegalArgumentException("context length must be >= 2, got " + window);
    }
    List<DocumentLoss> perDocument = new ArrayList<>();
    double total = 0;
    long count = 0;
    List<int[]> pending = new ArrayList<>();
    List<Document> pendingDocuments = new ArrayList<>();
    List<Integer> pendingCounts = new ArrayList<>();
    for (Document document : documents) {
      List<int[]> own = windows(tokenizer.encode(document.text()), window);
      pendingDocuments.add(document);
      pendingCounts.add(own.size());
      pending.addAll(own);
      if (pending.size() >= batchSize) {
        double[] sums =
            score(model, pendingDocuments, pendingCounts, pending, batchSize, perDocument);
        total += sums[0];
        count += (long) sums[1];
        pending.clear();
        pendingDocuments.clear();
        pendingCounts.clear();
      }
    }
    double[] sums = score(model, pendingDocuments, pendingCounts, pending, batchSize, perDocument);
    total += sums[0];
    count += (long) sums[1];
    if (count == 0) {
      throw new IllegalArgumentException(
          "the corpus has no token to predict (every document is shorter than 2 " + "tokens)");
    }
    double mean = total / count;
    return Result.builder()
        .run(run)
        .step(step)
        .tokenizer(tokenizer.name())
        .contextLength(window)
        .documents(perDocument.size())
        .tokens(count)
        .meanLoss(mean)
        .perplexity(Math.exp(mean))
        .perDocument(List.copyOf(perDocument))
        .build();
  }

  /**
   * Consecutive non-overlapping windows of at most {@code window} tokens; a last window of one
   * token predicts nothing.
   */
  static List<int[]> windows(int[] ids, int window) {
    List<int[]> windows = new ArrayList<>();
    for (int start = 0; start + 1 < ids.length; start += window) {
      windows.add(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + window)));
    }
    return windows;
  }

  /**
   * Scores the pending documents' windows in batches and appends one DocumentLoss each; returns
   * {sum, count}.
   */
  private static double[] score(
      LanguageModel model,
      List<Document> documents,
      List<Integer> windowCounts,
      List<int[]> windows,
      int batchSize,
      List<DocumentLoss> out) {
    double[] windowSums = new double[windows.size()];
    for (int start = 0; start < windows.size(); start += batchSize) {
      int end = Math.min(windows.size(), start + batchSize);
      float[][] logProbs = model.tokenLogProbs(windows.subList(start, end).toArray(new int[0][]));
      for (int i = 0; i < logProbs.length; i++) {
        double sum = 0;
        for (float logProb : logProbs[i]) {
          sum -= logProb;
        }
        windowSums[start + i] = sum;
      }
    }
    double total = 0;
    long count = 0;
    int next = 0;
    for (int d = 0; d < documents.size(); d++) {
      Document document = documents.get(d);
      int own = windowCounts.get(d);
      double sum = 0;
      long tokens = 0;
      for (int w = next; w < next + own; w++) {
        sum += windowSums[w];
        tokens += windows.get(w).length - 1;
      }
      next += own;
      out.add(
          tokens == 0
              ? new DocumentLoss(document.id(), 0, null, null)
              : new DocumentLoss(document.id(), tokens, sum / tokens, Math.exp(sum / tokens)));
      total += sum;
      count += tokens;
    }
    return new double[] {total, count};
  }
}
