/*
 * The `bench tokenizer` measurement: trains BPE on a corpus, then encodes the same corpus once per encoder on one
 * thread (our pure-Java BPE, jtokkit r50k_base, and optionally Hugging Face's native encoder on our tokenizer.json,
 * which also counts documents where HF and our encoder disagree). Only encode calls are timed, not reading.
 */
package dev.poisonlab.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

public final class TokenizerBenchmark {

  /** One encoder's single-thread pass over the corpus. */
  public record EncoderFigure(String encoder, long documents, long utf8Bytes, long tokens, Duration encodeTime) {
    public double megabytesPerSecond() {
      return utf8Bytes / 1e6 / (encodeTime.toNanos() / 1e9);
    }
  }

  /** hfMismatches is -1 when the Hugging Face comparison was not run. */
  public record Report(BpeTrainer.Result training, List<EncoderFigure> encoders, long hfMismatches,
      String firstMismatchId) {}

  private TokenizerBenchmark() {}

  public static Report run(List<Path> corpus, ReadOptions readOptions, BpeTrainerConfig config, boolean withHf,
      boolean progress) {
    BpeTrainer.Result training;
    try (CorpusReader reader = CorpusReader.open(corpus, readOptions)) {
      training = BpeTrainer.trainOnDocuments(reader, config, progress);
    }
    BpeTokenizer ours = training.tokenizer();
    List<EncoderFigure> figures = new ArrayList<>();
    figures.add(pass(corpus, readOptions, ours.name() + " (poisonlab, pure Java)", ours::encode, null, progress));
    Tokenizer gpt2 = Tokenizers.load("r50k_base");
    figures.add(pass(corpus, readOptions, "r50k_base (jtokkit)", gpt2::encode, null, progress));
    long mismatches = -1;
    String firstMismatch = null;
    if (withHf) {
      Mismatches found = new Mismatches(ours);
      figures.add(huggingFacePass(corpus, readOptions, ours, found, progress));
      mismatches = found.count;
      firstMismatch = found.firstId;
    }
    return new Report(training, figures, mismatches, firstMismatch);
  }

  /** Compares HF's ids with our encoder's for each document HF encodes (outside the timed region). */
  private static final class Mismatches {
    private final BpeTokenizer ours;
    long count;
    String firstId;

    Mismatches(BpeTokenizer ours) {
      this.ours = ours;
    }

    void check(Document document, int[] hfIds) {
      if (!Arrays.equals(hfIds, ours.encode(document.text()))) {
        count++;
        firstId = firstId == null ? document.id() : firstId;
      }
    }
  }

  private static EncoderFigure huggingFacePass(List<Path> corpus, ReadOptions readOptions, BpeTokenizer ours,
      Mismatches mismatches, boolean progress) {
    System.setProperty("ai.djl.offline", "true");
    Path file = null;
    try {
      file = Files.createTempFile("poisonlab-bench-", ".json");
      ours.write(file);
      try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
          .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
        return pass(corpus, readOptions, ours.name() + " (Hugging Face native via DJL)",
            text -> Arrays.stream(hf.encode(text).getIds()).mapToInt(id -> (int) id).toArray(), mismatches, progress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the Hugging Face tokenizer: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  private static EncoderFigure pass(List<Path> corpus, ReadOptions readOptions, String name,
      Function<String, int[]> encoder, Mismatches mismatches, boolean progress) {
    long documents = 0;
    long bytes = 0;
    long tokens = 0;
    long nanos = 0;
    try (CorpusReader reader = CorpusReader.open(corpus, readOptions);
        ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("encode " + name.split(" ")[0])
            .setInitialMax(-1).setUnit("M chars", 1_000_000).setUpdateIntervalMillis(500).build() : null) {
      for (Document document : reader) {
        if (bar != null) {
          bar.stepBy(document.text().length());
        }
        String text = document.text();
        long start = System.nanoTime();
        int[] ids = encoder.apply(text);
        nanos += System.nanoTime() - start;
        documents++;
        bytes += utf8Length(text);
        tokens += ids.length;
        if (mismatches != null) {
          mismatches.check(document, ids);
        }
      }
    }
    return new EncoderFigure(name, documents, bytes, tokens, Duration.ofNanos(nanos));
  }

  static long utf8Length(String text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
