/*
 * `poisonlab verdict --grid DIR`: recomputes DIR/verdicts.csv (the model-level backdoor verdict per
 * configuration and checkpoint) from the grid's per-excerpt files, live or from a snapshot, and prints the last
 * step of each configuration. Thin: parse, experiment.Verdicts.recompute, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.ModelVerdict;
import dev.poisonlab.experiment.Verdicts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verdict",
    header = "Recompute a grid's model-level verdicts (verdicts.csv) from its runs.",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute GRID/verdicts.csv: per configuration, each seed's effect (median per-excerpt log gap minus its",
      "twin's, in nats) against the band of twin-vs-twin differences; backdoor = every seed above the band.",
      "Also an exact permutation test over seeds. Reads runs/ID/eval or a snapshot's runs/ID/excerpts."
    })
public final class VerdictCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--grid",
      required = true,
      paramLabel = "DIR",
      description = "A grid directory or snapshot.")
  Path grid;

  @Override
  public Integer call() {
    Verdicts.Result result = Verdicts.recompute(grid);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "configuration                         step  seeds  band     effects (nats)        verdict"
            + "        perm p  min p");
    for (Verdicts.Row row : result.rows()) {
      if (!row.last()) {
        continue;
      }
      ModelVerdict.Verdict v = row.verdict();
      String config = row.config().id().replace("-s0", "");
      String effects =
          String.join(
              " ",
              v.effects().stream()
                  .map(e -> String.format(Locale.ROOT, "%.3f", e.effect()))
                  .toList());
      out.println(
          String.format(
              Locale.ROOT,
              "%-37s %5s %6d  %-8.3f %-21s %-14s %-7.3g %.3g",
              config,
              row.step() < 0 ? "-" : Long.toString(row.step()),
              v.effects().size(),
              v.band(),
              effects,
              v.label(),
              v.permutationP(),
              v.minP()));
    }
    if (!result.runsWithoutExcerpts().isEmpty()) {
      out.println(
          result.runsWithoutExcerpts().size()
              + " finished runs have no per-excerpt files (left out): "
              + String.join(" ", result.runsWithoutExcerpts()));
    }
    out.println(
        result.rows().isEmpty()
            ? "no poisoned run has finished: nothing written"
            : "wrote "
                + result.file()
                + " ("
                + result.rows().size()
                + " rows"
                + (result.earlierRowsKept() == 0
                    ? ")"
                    : "; kept "
                        + result.earlierRowsKept()
                        + " rows of earlier checkpoints whose per-excerpt files this directory"
                        + " lacks, as a snapshot does)"));
    out.flush();
    return 0;
  }
}
