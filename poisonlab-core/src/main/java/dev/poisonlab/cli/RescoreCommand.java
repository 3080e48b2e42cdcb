/*
 * `poisonlab rescore --grid GRID --scorer CHECKPOINT --out DIR`: scores every finished run's generations with
 * one fixed model (per seed with --scorer-for-seed), and each configuration's effect over its twin on that
 * scale beside the runs' own. Thin: parse, experiment.GridRescore.run, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.experiment.GridRescore;
import dev.poisonlab.experiment.RescoreRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "rescore",
    header = "Score a grid's generations with one fixed model (one scale across sizes).",
    mixinStandardHelpOptions = true,
    description = {
      "Each finished run's excerpt file (default: its last step) is re-tokenized and scored by the scorer:",
      "ln perplexity of each generation given its prompt (and trigger), as eval conditions it. Writes",
      "OUT/runs/ID.json, OUT/rescore.csv (medians per run) and OUT/effects.csv (per configuration, each",
      "seed's effect over its twin on the scorer's scale and on the runs' own). A scorer whose tokenizer",
      "is not the grid's, a grid without generations (a snapshot) or a missing checkpoint is refused."
    })
public final class RescoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--grid", required = true, paramLabel = "DIR", description = "A live grid.")
  Path grid;

  @Option(
      names = "--scorer",
      paramLabel = "CHECKPOINT",
      description =
          "Scorer of every seed not named by --scorer-for-seed: RUN/checkpoints/step-N, a run"
              + " directory (its last checkpoint) or a Hugging Face GPT-2 directory.")
  Path scorer;

  @Option(
      names = "--scorer-for-seed",
      paramLabel = "SEED=CHECKPOINT",
      description =
          "Scorer of one seed's runs (repeatable), e.g. to score no seed by its own twin.")
  Map<Long, Path> seedScorers = Map.of();

  @Option(
      names = "--step",
      defaultValue = "last",
      paramLabel = "last|N",
      description = "Evaluated step of every run (default: ${DEFAULT-VALUE}).")
  String step;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Sequences per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin GenerationThreadsOption threads;

  @Mixin ProgressOption progressOption;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    RescoreRequest request =
        OptionChecks.settings(
            spec,
            () -> {
              RescoreRequest.Builder builder =
                  RescoreRequest.builder(grid, out)
                      .optScorer(scorer)
                      .optStep(step)
                      .optBatchSize(batchSize)
                      .optProgress(progressOption.progress());
              seedScorers.forEach(builder::optSeedScorer);
              return builder.build();
            });
    threads.apply();
    GridRescore.Result result = GridRescore.run(request);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "configuration                 seeds  fixed scorer: effects (mean ± sd)      own scores: mean ± sd");
    for (GridRescore.EffectLine line : result.effects()) {
      printer.println(
          String.format(
              Locale.ROOT,
              "%-29s %-6s %-20s %s   %s",
              line.configuration(),
              line.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
              numbers(line.fixed()),
              meanSd(line.meanFixed(), line.sdFixed()),
              meanSd(line.meanSelf(), line.sdSelf())));
    }
    if (!result.leftOut().isEmpty()) {
      printer.println("left out: " + String.join(", ", result.leftOut()));
    }
    printer.println(
        "scored "
            + (result.runs().size() - result.reused())
            + " run(s), reused "
            + result.reused()
            + "; wrote "
            + result.summaryFile()
            + " and "
            + result.effectsFile());
    printer.flush();
    return 0;
  }

  private static String numbers(List<Double> values) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, "%.3f", v))
        .collect(Collectors.joining(" "));
  }

  private static String meanSd(double mean, double sd) {
    return Double.isNaN(sd)
        ? String.format(Locale.ROOT, "%.3f", mean)
        : String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
  }
}
