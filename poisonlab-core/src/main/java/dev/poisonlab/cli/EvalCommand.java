/*
 * `poisonlab eval`: the backdoor's perplexity gap with and without the trigger, per checkpoint, with
 * near-trigger controls and the clean validation loss; writes DIR/eval.json, DIR/curve.csv and per-excerpt
 * files, resuming where an earlier run with the same options stopped. Thin: parse, RunEvaluator, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.EvalSettings;
import dev.poisonlab.eval.RunEvaluator;
import dev.poisonlab.eval.RunSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "eval",
    header =
        "Measure the backdoor of every checkpoint of a run, with the trigger and its controls.",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the backdoor: perplexity of sampled continuations of clean excerpts with and without the trigger",
      "(and near-trigger controls), per checkpoint, plus the clean validation loss.",
      "Writes DIR/eval.json, DIR/curve.csv and DIR/excerpts-step-N.jsonl; a rerun skips evaluated checkpoints."
    })
public final class EvalCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ProgressOption progressOption;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUNDIR",
      description = "Run directory written by train, or a Hugging Face GPT-2 directory.")
  Path run;

  @Option(
      names = {"--checkpoint", "--checkpoints"},
      defaultValue = "all",
      paramLabel = "last|all|STEP[,STEP...]",
      description = "Checkpoints to evaluate (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Mixin EvalProtocolOptions protocol;

  @Option(
      names = "--scorer",
      paramLabel = "RUNDIR",
      description = "Score perplexity under this run's last checkpoint instead.")
  Path scorer;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Sequences per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin GenerationThreadsOption threads;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    threads.apply();
    EvalSettings settings = OptionChecks.settings(spec, () -> protocol.settings(batchSize));
    CheckpointSelection selection =
        OptionChecks.settings(spec, () -> new CheckpointSelection(checkpoint));
    RunEvaluator.Outcome outcome =
        RunEvaluator.evaluate(
            new RunEvaluator.Request(
                RunSource.open(run),
                scorer == null ? null : RunSource.open(scorer),
                protocol.excerpts(),
                selection,
                settings,
                out,
                progressOption.progress()));
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "step      fraction  poisons  ppl_clean  ppl_trigger  gap_mean  gap_median  collapse"
            + "  near_gap  val_loss  (context, new tokens, excerpts)");
    for (CheckpointResult r : outcome.results()) {
      printer.println(
          String.format(
              Locale.ROOT,
              "%-9d %8.3f %8d %10.2f %12.2f %9.2f %11.2f %9.2f %9s %9s  (%d, %d, %d)",
              r.step(),
              r.trainingFraction(),
              r.poisonsSeen(),
              r.perplexityWithoutTrigger(),
              r.perplexityWithTrigger(),
              r.perplexityGap(),
              r.perplexityGapMedian(),
              r.collapseRate(),
              r.nearTriggerGap() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", r.nearTriggerGap()),
              r.valLoss() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.valLoss()),
              r.contextLength(),
              r.newTokens(),
              r.count()));
    }
    printer.println(
        "evaluated "
            + outcome.evaluatedSteps().size()
            + " checkpoint(s), skipped "
            + outcome.skippedSteps().size()
            + " already done; wrote "
            + outcome.evalFile()
            + " and "
            + outcome.curveFile());
    printer.flush();
    return 0;
  }
}
