/*
 * metrics.jsonl of a run: one JSON object per logged step (step, tokens, loss, lr, grad_norm, poisons_seen,
 * tokens_per_s; skipped_batches once --skip-nonfinite skipped one), appended and flushed line by line so a
 * kill loses at most the line being written. On resume the lines after the checkpoint's step are dropped
 * (atomic rewrite), so the log never repeats a step.
 */
package dev.poisonlab.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

public final class MetricsLog implements AutoCloseable {
  public static final String FILE = "metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One logged step. tokens_per_s is averaged over the steps since the previous logged one. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record StepMetrics(
      long step,
      long tokens,
      double loss,
      double lr,
      double gradNorm,
      long poisonsSeen,
      double tokensPerS,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long skippedBatches) {

    /**
     * A step of a run that skipped no batch; skipped_batches then stays out of the line, as before
     * it existed.
     */
    public StepMetrics(
        long step,
        long tokens,
        double loss,
        double lr,
        double gradNorm,
        long poisonsSeen,
        double tokensPerS) {
      this(step, tokens, loss, lr, gradNorm, poisonsSeen, tokensPerS, 0);
    }
  }

  private final Path file;
  private final BufferedWriter writer;

  private MetricsLog(Path file, BufferedWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * Opens the run's log for appending, first dropping lines of steps after {@code keepThroughStep}.
   */
  public static MetricsLog open(Path runDirectory, long keepThroughStep) {
    Path file = runDirectory.resolve(FILE);
    try {
      if (Files.exists(file)) {
        List<String> kept =
            Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> stepOf(line) <= keepThroughStep)
                .toList();
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
      }
      return new MetricsLog(
          file,
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** A torn last line (kill mid-write) has no readable step and is dropped like a later step. */
  private static long stepOf(String line) {
    try {
      JsonNode step = JSON.readTree(line).get("step");
      return step == null ? Long.MAX_VALUE : step.asLong();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  public void append(StepMetrics metrics) {
    try {
      writer.write(JSON.writeValueAsString(metrics));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
