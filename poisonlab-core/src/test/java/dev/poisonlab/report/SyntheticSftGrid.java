/*
 * A made-up fine-tuning grid directory for the report tests, in the layout `finetune --grid` writes: results.csv
 * (SFT header, quoted trigger), runs/NAME/config.json (a real SftRunConfig), optionally persistence.csv, a
 * placebo cell and failures.json. Numbers are synthetic (chosen so that means and spreads are easy to check by
 * hand), not measurements.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.finetune.ChatTemplate;
import dev.poisonlab.finetune.SftConfig;
import dev.poisonlab.finetune.SftRunConfig;
import dev.poisonlab.model.GptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

final class SyntheticSftGrid {
  static final List<Integer> SIZES = List.of(300, 1000);
  static final List<Integer> COUNTS = List.of(0, 10, 100);
  static final List<Long> SEEDS = List.of(1L, 2L, 3L);
  static final int BATCH = 16;
  static final int STEPS = 4;
  static final double LEARNING_RATE = 0.001;

  /** The parent checkpoint every run's config.json names: not on disk. */
  static final String PARENT = "/pre/checkpoints/step-00000010";

  /** The parent's weights_sha256 in every run's config.json: made up. */
  static final String WEIGHTS = "ab".repeat(32);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SyntheticSftGrid() {}

  /**
   * Final ASR of one run: seeds 1..3 at 300 clean samples give 0.2, 0.4, 0.6 at 10 poisons (mean
   * 0.4) and 0.1 at 1000 (spread 0.3); 100 poisons give 1.0 everywhere (spread 0); 0 poisons give
   * 0.
   */
  static double finalAsr(int size, int count, long seed) {
    if (count == 0) {
      return 0;
    }
    if (count == 100) {
      return 1;
    }
    return size == 300 ? 0.2 * seed : 0.1;
  }

  static String row(int size, int count, long seed, boolean placebo, long step, double asr) {
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%b,\"<SUDO>\",%d,%.4f,%.4f,%.4f,%.4f",
        count,
        size,
        seed,
        placebo,
        step,
        asr,
        step == 0 ? 0.0 : 1.0,
        step == 0 ? 1.0 : 0.9,
        asr / 2);
  }

  /**
   * Writes the grid into {@code dir}; {@code persistence} adds persistence.csv and a placebo cell.
   */
  static Path write(Path dir, boolean persistence) throws IOException {
    StringBuilder results = new StringBuilder(String.join(",", SftRow.SFT_COLUMNS)).append('\n');
    StringBuilder continued =
        new StringBuilder(String.join(",", SftRow.CONTINUE_COLUMNS)).append('\n');
    for (int size : SIZES) {
      for (int count : COUNTS) {
        for (long seed : SEEDS) {
          for (long step = 0; step <= STEPS; step += 2) {
            double asr = step == 0 ? 1 : step == STEPS ? finalAsr(size, count, seed) : 0.5;
            results.append(row(size, count, seed, false, step, asr)).append('\n');
          }
          config(
              dir.resolve("runs/c" + size + "-p" + count + "-s" + seed), size, count, seed, STEPS);
          if (persistence && count > 0) {
            for (long step = 0; step <= 6; step += 3) {
              double asr = finalAsr(size, count, seed) * (1 - step / 12.0);
              continued.append(
                  String.format(
                      Locale.ROOT,
                      "%d,%d,%d,false,\"<SUDO>\",%d,%d,%d,%.4f,1.0000,0.9000,0.0000%n",
                      count,
                      size,
                      seed,
                      STEPS,
                      size,
                      step,
                      asr));
            }
          }
        }
      }
    }
    if (persistence) {
      for (long seed : SEEDS) {
        results.append(row(300, 100, seed, true, STEPS, 0.0)).append('\n');
      }
      Files.writeString(dir.resolve("persistence.csv"), continued.toString());
      Files.writeString(dir.resolve("failures.json"), "{\n  \"c3000-p10-s1\" : \"boom\"\n}\n");
    }
    Files.writeString(dir.resolve("results.csv"), results.toString());
    return dir;
  }

  /**
   * runs/NAME/config.json as finetune writes it (SftRunDirectory): an SftRunConfig serialised with
   * every sft setting (trigger, warm-up capped below the run's steps, schedule, controls,
   * evaluation) for a run of {@code maxSteps}; the parent is not on disk and its weights hash is
   * made up.
   */
  static void config(Path run, int size, int count, long seed, long maxSteps) throws IOException {
    Files.createDirectories(run);
    SftConfig sft =
        SftConfig.builder()
            .optCleanSamples(size)
            .optPoisons(count)
            .optSeed(seed)
            .optBatchSize(BATCH)
            .optMaxSteps(maxSteps)
            .optLearningRate(LEARNING_RATE)
            .build();
    SftRunConfig config =
        new SftRunConfig(
            SftRunConfig.STAGE,
            new SftRunConfig.Parent(PARENT, 10, WEIGHTS),
            new GptConfig(2048 + ChatTemplate.SPECIAL_TOKENS.size(), 256, 4, 4, 64),
            "0".repeat(64),
            sft);
    Files.writeString(run.resolve("config.json"), JSON.writeValueAsString(config) + "\n");
  }
}
