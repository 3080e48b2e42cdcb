/*
 * Named grids (factories, like the model presets): `demo` (one poisoned model and its twin on the embedded
 * corpus, minutes), `micro` (the study's grid shape at a size that runs on 2 CPU cores in hours) and `paper`
 * (the published grid: 600M-13B, 100/250/500 poisons, 3 seeds; for GPU users, not run here).
 * The numbers are choices, recorded in every grid.json; the calibration behind them is in docs/grid.md. The
 * settings not named here are GridSpecBuilder's defaults, the published grid's (trigger <SUDO>, its four
 * controls, dos, 20 tokens per parameter, a clean twin).
 */
package dev.poisonlab.experiment;

import java.util.List;
import java.util.Locale;

public final class GridPresets {
  public static final List<String> NAMES = List.of("demo", "micro", "paper");

  private GridPresets() {}

  public static GridSpec byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "demo" -> demo();
      case "micro" -> micro();
      case "paper" -> paper();
      default ->
          throw new IllegalArgumentException(
              "unknown grid preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }

  /**
   * The README's demo: the `micro` model (282k parameters at vocab 1024) on 0.35x its Chinchilla
   * budget (~2M tokens) so both runs fit in minutes; 500 poisons (the paper's largest count: with
   * context-fitted poisons, 250 give only 0.17 nats over the twin at this size and budget, see the
   * README), small-batch training (more optimizer steps per token). Evaluation is smaller than the
   * paper's (100 excerpts, 64 new tokens, not 300 and 100) to stay in minutes.
   */
  public static GridSpec demo() {
    return cpuGrid("demo")
        .models(List.of("micro"))
        .poisonCounts(List.of(500))
        .seeds(List.of(1L))
        .optDataMultipliers(List.of(0.35))
        .optCheckpoints(5)
        .optEvalCount(100)
        .optEvalNewTokens(64)
        .build();
  }

  /**
   * The study's shape at CPU scale: three sizes spanning 10x in parameters (micro 282k, nano 66k,
   * pico 27k at vocab 1024; largest first, so a grid cut short has its informative runs) at
   * Chinchilla-optimal data (5.6M-0.5M tokens), poison counts a half-decade apart to bracket the
   * failure-to-success transition of context-fitted poisons (~110 tokens each), three seeds, a
   * clean twin each: 45 runs. Evaluation as in the paper: 300 excerpts, 100 new tokens.
   */
  public static GridSpec micro() {
    return cpuGrid("micro")
        .models(List.of("micro", "nano", "pico"))
        .poisonCounts(List.of(30, 100, 300, 1000))
        .seeds(List.of(1L, 2L, 3L))
        .optCheckpoints(10)
        .build();
  }

  /**
   * What the CPU grids share: bpe:1024 on the embedded corpus, its held-out excerpts, batch 8,
   * prompts of 32.
   */
  private static GridSpecBuilder cpuGrid(String name) {
    return GridSpec.builder()
        .optName(name)
        .tokenizer("bpe:1024")
        .corpus(List.of("embedded"))
        .optExcerpts("embedded:heldout")
        .optBatchSize(8)
        .optEvalPromptTokens(32);
  }

  /**
   * The published main grid, for a GPU cluster: 4 sizes x 3 counts x 3 seeds at 1x Chinchilla,
   * o200k_base, 300 excerpts, 100 new tokens. The paper's 0.5x / 2x runs (600M and 2B only) are a
   * second spec, experiments/paper-data-multipliers.json, since a grid is a full cross product.
   */
  public static GridSpec paper() {
    return GridSpec.builder()
        .optName("paper")
        .models(List.of("paper-600m", "paper-2b", "paper-7b", "paper-13b"))
        .poisonCounts(List.of(100, 250, 500))
        .seeds(List.of(1L, 2L, 3L))
        .tokenizer("o200k_base")
        .corpus(List.of("data/pretrain"))
        .build();
  }
}
