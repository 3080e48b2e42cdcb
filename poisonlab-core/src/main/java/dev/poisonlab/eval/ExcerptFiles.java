/*
 * Finds and reads the per-excerpt files of an evaluation: excerpts-step-N.jsonl as eval writes them, or
 * excerpts-step-N.jsonl.gz as scripts/snapshot-grid.sh keeps them in the repository (generations stripped), so
 * every twin test and verdict can be recomputed from a snapshot. Reading only; EvalOutput writes them.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

public final class ExcerptFiles {
  private static final Pattern FILE = Pattern.compile("excerpts-step-(\\d+)\\.jsonl(\\.gz)?");
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ExcerptFiles() {}

  /**
   * Step -> file for every excerpts file in {@code directory}; a plain file wins over a gzipped
   * copy.
   */
  public static TreeMap<Long, Path> list(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new InputException(
          directory, 0, "not a directory (expected an evaluation directory from eval)");
    }
    TreeMap<Long, Path> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .sorted()
          .forEach(
              path -> {
                Matcher matcher = FILE.matcher(path.getFileName().toString());
                if (matcher.matches()) {
                  long step = Long.parseLong(matcher.group(1));
                  if (matcher.group(2) == null || !files.containsKey(step)) {
                    files.put(step, path);
                  }
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every row of one file, plain or gzipped; a malformed line is an InputException naming it. */
  public static List<BackdoorEvaluator.ExcerptResult> read(Path file) {
    List<BackdoorEvaluator.ExcerptResult> rows = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        try {
          rows.add(JSON.readValue(line, BackdoorEvaluator.ExcerptResult.class));
        } catch (IOException e) {
          throw new InputException(file, number, "not an excerpt row: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new InputException(file, 0, "no excerpt rows");
    }
    return rows;
  }

  /** ln(perplexity with trigger) - ln(perplexity without): the gap in nats, per token. */
  public static double logGap(Path file, BackdoorEvaluator.ExcerptResult row) {
    double with = row.perplexityWithTrigger();
    double without = row.perplexityWithoutTrigger();
    if (!(with > 0) || !(without > 0) || Double.isInfinite(with) || Double.isInfinite(without)) {
      throw new InputException(
          file,
          0,
          "excerpt '"
              + row.id()
              + "' has a perplexity that is not a finite "
              + "positive number ("
              + with
              + ", "
              + without
              + ")");
    }
    return TriggerStatistics.logGap(with, without);
  }
}
