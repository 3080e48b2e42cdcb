/*
 * Fine-tuning grids on two made-up bases for the base-size tests: SyntheticSftGrid's grid (no persistence) as
 * "this" grid, and edits that make another grid from it: a run's final ASR, rows left out, a config.json setting
 * changed, the parent checkpoint moved onto disk with a model shape. Numbers are synthetic, not measurements.
 */
package dev.poisonlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

final class BaseSizeGrids {
  /** Where SyntheticSftGrid's configs say the parent is: not on disk. */
  static final String ABSENT_PARENT = SyntheticSftGrid.PARENT;

  private BaseSizeGrids() {}

  static Path grid(Path dir) throws IOException {
    return SyntheticSftGrid.write(dir, false);
  }

  /** The start of a run's final row in results.csv, up to and including the step. */
  static String finalRow(int size, int count, long seed) {
    return count + "," + size + "," + seed + ",false,\"<SUDO>\"," + SyntheticSftGrid.STEPS + ",";
  }

  /** Sets the asr of one run's final row, leaving the other columns as they are. */
  static void finalAsr(Path grid, int size, int count, long seed, double asr) throws IOException {
    String prefix = finalRow(size, count, seed);
    edit(
        grid.resolve("results.csv"),
        line ->
            line.startsWith(prefix)
                ? prefix
                    + String.format(Locale.ROOT, "%.4f", asr)
                    + line.substring(line.indexOf(',', prefix.length()))
                : line);
  }

  /**
   * Makes every run of clean-set size {@code size} train {@code steps} steps, as a steps or epochs
   * rule would: its final rows end at that step and its config.json is the SftConfig of that length
   * (warm-up capped below it as SftConfig caps it).
   */
  static void lengthen(Path grid, int size, long steps) throws IOException {
    for (int count : SyntheticSftGrid.COUNTS) {
      for (long seed : SyntheticSftGrid.SEEDS) {
        SyntheticSftGrid.config(
            grid.resolve("runs/c" + size + "-p" + count + "-s" + seed), size, count, seed, steps);
        String prefix = finalRow(size, count, seed);
        String lengthened = prefix.substring(0, prefix.lastIndexOf(',', prefix.length() - 2) + 1);
        edit(
            grid.resolve("results.csv"),
            line ->
                line.startsWith(prefix)
                    ? lengthened + steps + line.substring(prefix.length() - 1)
                    : line);
      }
    }
  }

  /** Leaves out the rows of results.csv that {@code drop} matches. */
  static void dropRows(Path grid, Predicate<String> drop) throws IOException {
    Path results = grid.resolve("results.csv");
    List<String> lines = Files.readAllLines(results);
    Files.write(results, lines.stream().filter(drop.negate()).toList());
  }

  /** Replaces {@code from} by {@code to} in the first run's config.json (in name order). */
  static Path editFirstConfig(Path grid, String from, String to) throws IOException {
    Path config;
    try (Stream<Path> runs = Files.list(grid.resolve("runs"))) {
      config = runs.sorted().findFirst().orElseThrow().resolve("config.json");
    }
    String text = Files.readString(config);
    if (!text.contains(from)) {
      throw new IllegalArgumentException(config + " has no " + from);
    }
    Files.writeString(config, text.replace(from, to));
    return config;
  }

  /**
   * Points every run's config.json at {@code checkpoint} as its parent, with weights of their own
   * (a made-up SHA-256 of the path).
   */
  static void parent(Path grid, Path checkpoint) throws IOException {
    parent(grid, checkpoint, String.format(Locale.ROOT, "%064x", checkpoint.toString().hashCode()));
  }

  /** Points every run's config.json at {@code checkpoint} with weights {@code sha256}. */
  static void parent(Path grid, Path checkpoint, String sha256) throws IOException {
    try (Stream<Path> runs = Files.list(grid.resolve("runs"))) {
      for (Path run : runs.toList()) {
        Path config = run.resolve("config.json");
        Files.writeString(
            config,
            Files.readString(config)
                .replace(ABSENT_PARENT, checkpoint.toString())
                .replace(SyntheticSftGrid.WEIGHTS, sha256));
      }
    }
  }

  /**
   * A pretrained run as train writes it, reduced to what SftBase reads: RUN/config.json with its
   * preset and RUN/checkpoints/step-00000010/checkpoint.json with the model shape (vocabulary 2048,
   * context 256, 4 layers of width {@code embed}). Returns the checkpoint directory.
   */
  static Path parentRun(Path run, String preset, int embed) throws IOException {
    Path checkpoint = Files.createDirectories(run.resolve("checkpoints/step-00000010"));
    Files.writeString(run.resolve("config.json"), "{\"preset\": \"" + preset + "\"}\n");
    Files.writeString(
        checkpoint.resolve("checkpoint.json"),
        "{\"step\": 10, \"model\": {\"vocab_size\": 2048, \"context_length\": 256, \"layers\": 4,"
            + " \"heads\": 4, \"embed_dim\": "
            + embed
            + "}}\n");
    return checkpoint;
  }

  private static void edit(Path file, java.util.function.UnaryOperator<String> change)
      throws IOException {
    Files.write(file, Files.readAllLines(file).stream().map(change).toList());
  }
}
