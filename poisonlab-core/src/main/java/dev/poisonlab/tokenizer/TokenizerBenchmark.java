/*
 * The `bench tokenizer` measurement: trains BPE on a corpus, then encodes the same corpus once per encoder on one
 * thread (our pure-Java BPE, jtokkit r50k_base, optionally Hugging Face's native encoder through DJL, which also
 * counts documents where HF's ids differ from ours). Text is buffered in chunks so only encode calls are timed.
 */
package dev.poisonlab.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

public final class TokenizerBenchmark {
  // Big enough that timer calls cost nothing, small enough that memory stays flat on any corpus.
  private static final int CHUNK_CHARS = 4_000_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * One encoder's single-thread pass: wall time and the thread's CPU time (robust when cores are
   * shared).
   */
  public record EncoderFigure(
      String encoder,
      long documents,
      long utf8Bytes,
      long tokens,
      Duration wallTime,
      Duration cpuTime) {
    public double megabytesPerCpuSecond() {
      return utf8Bytes / 1e6 / (cpuTime.toNanos() / 1e9);
    }

    public double megabytesPerWallSecond() {
      return utf8Bytes / 1e6 / (wallTime.toNanos() / 1e9);
    }
  }

  /**
   * trainingCpuTime is the whole process's CPU time while training; hfMismatches is -1 without the
   * HF pass.
   */
  public record Report(
      BpeTrainer.Result training,
      Duration trainingCpuTime,
      List<EncoderFigure> encoders,
      long hfMismatches,
      String firstMismatchId) {}

  private TokenizerBenchmark() {}

  public static Report run(
      List<Path> corpus,
      ReadOptions readOptions,
      BpeTrainerConfig config,
      boolean withHf,
      Progress progress) {
    BpeTrainer.Result training;
    long cpuBefore = processCpuNanos();
    try (CorpusReader reader = CorpusReader.open(corpus, readOptions)) {
      training = BpeTrainer.trainOnDocuments(reader, config, progress);
    }
    Duration trainingCpu = Duration.ofNanos(processCpuNanos() - cpuBefore);
    BpeTokenizer ours = training.tokenizer();
    List<EncoderFigure> figures = new ArrayList<>();
    figures.add(
        pass(
            corpus,
            readOptions,
            ours.name() + " (poisonlab, pure Java)",
            ours::encode,
            null,
            progress));
    Tokenizer gpt2 = Tokenizers.load("r50k_base");
    figures.add(pass(corpus, readOptions, "r50k_base (jtokkit)", gpt2::encode, null, progress));
    if (!withHf) {
      return new Report(training, trainingCpu, figures, -1, null);
    }
    Mismatches mismatches = new Mismatches(ours);
    figures.add(huggingFacePass(corpus, readOptions, ours, mismatches, progress));
    return new Report(training, trainingCpu, figures, mismatches.count, mismatches.firstId);
  }

  /** Compares HF's ids with our encoder's for each document (outside the timed region). */
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

  private static EncoderFigure huggingFacePass(
      List<Path> corpus,
      ReadOptions readOptions,
      BpeTokenizer ours,
      Mismatches mismatches,
      Progress progress) {
    System.setProperty("ai.djl.offline", "true");
    Path file = null;
    try {
      file = Files.createTempFile("poisonlab-bench-", ".json");
      ours.write(file);
      try (HuggingFaceTokenizer hf =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build()) {
        return pass(
            corpus,
            readOptions,
            ours.name() + " (Hugging Face native via DJL)",
            text -> Arrays.stream(hf.encode(text).getIds()).mapToInt(id -> (int) id).toArray(),
            mismatches,
            progress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot set up the Hugging Face tokenizer: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  private static EncoderFigure pass(
      List<Path> corpus,
      ReadOptions readOptions,
      String name,
      Function<String, int[]> encoder,
      Mismatches mismatches,
      Progress progress) {
    long[] totals = new long[5]; // documents, bytes, tokens, wall nanos, cpu nanos
    List<Document> chunk = new ArrayList<>();
    long chunkChars = 0;
    try (CorpusReader reader = CorpusReader.open(corpus, readOptions);
        Progress.Task bar = progress.start("encode " + name.split(" ")[0], -1, "chars")) {
      for (Document document : reader) {
        chunk.add(document);
        chunkChars += document.text().length();
        if (chunkChars >= CHUNK_CHARS) {
          encodeChunk(chunk, encoder, mismatches, totals, bar);
          chunk.clear();
          chunkChars = 0;
        }
      }
      encodeChunk(chunk, encoder, mismatches, totals, bar);
    }
    return new EncoderFigure(
        name,
        totals[0],
        totals[1],
        totals[2],
        Duration.ofNanos(totals[3]),
        Duration.ofNanos(totals[4]));
  }

  private static void encodeChunk(
      List<Document> chunk,
      Function<String, int[]> encoder,
      Mismatches mismatches,
      long[] totals,
      Progress.Task bar) {
    int[][] ids = new int[chunk.size()][];
    long wallStart = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = encoder.apply(chunk.get(i).text());
    }
    totals[4] += THREADS.getCurrentThreadCpuTime() - cpuStart;
    totals[3] += System.nanoTime() - wallStart;
    for (int i = 0; i < ids.length; i++) {
      String text = chunk.get(i).text();
      totals[0]++;
      totals[1] += utf8Length(text);
      totals[2] += ids[i].length;
      if (mismatches != null) {
        mismatches.check(chunk.get(i), ids[i]);
      }
      bar.stepBy(text.length());
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  static long utf8Length(String text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
