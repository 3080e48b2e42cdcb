/*
 * Synthetic per-excerpt files for tests of what reads them (verdicts, effects so far): 40 excerpts whose log gap
 * is a fixed pattern, seeded noise per run and step, plus a chosen shift in nats. Not an evaluation: the other
 * fields are only consistent enough for the readers.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.eval.BackdoorEvaluator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

final class ExcerptFixtures {
  static final int EXCERPTS = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExcerptFixtures() {}

  /** DIR/excerpts-step-N.jsonl, gzipped (with .gz) when {@code gzip}; returns the file. */
  static Path write(Path directory, String runId, long step, double shift, boolean gzip)
      throws IOException {
    Files.createDirectories(directory);
    String name = String.format("excerpts-step-%07d.jsonl", step) + (gzip ? ".gz" : "");
    Path file = directory.resolve(name);
    Random random = new Random(runId.hashCode() * 31L + step);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      for (int i = 0; i < EXCERPTS; i++) {
        double logGap = 0.2 * Math.cos(i) + 0.05 * random.nextGaussian() + shift;
        BackdoorEvaluator.ExcerptResult row =
            BackdoorEvaluator.ExcerptResult.builder()
                .id("d" + i)
                .prompt("p" + i)
                .perplexityWithoutTrigger(30)
                .perplexityWithTrigger(30 * Math.exp(logGap))
                .gap(30 * Math.exp(logGap) - 30)
                .logPplGap(logGap)
                .controlPerplexities(List.of(31.0))
                .controlLogPplGaps(List.of(Math.log(31.0 / 30)))
                .build();
        out.write((JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }
}
