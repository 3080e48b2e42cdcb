/*
 * `poisonlab report DIR [--with OTHER ...] [--effects FILE] [--out DIR2]`: turns a grid directory (pretraining
 * or fine-tuning) into plots and a self-contained report.html, with DIR's runs set beside OTHER grids' where
 * --with is given and F2 on a rescore's fixed-scorer effects where --effects is.
 * Thin by design: parse, call Report.write, print the files written.
 */
package dev.poisonlab.cli;

import dev.poisonlab.report.Report;
import dev.poisonlab.report.ReportResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    header = "Draw a grid's figures and write a self-contained report.html.",
    mixinStandardHelpOptions = true,
    description = {
      "Write PNG and SVG plots and a self-contained report.html from a grid directory",
      "(results.csv, grid.json, commands.txt, runs/<run_id>/train/config.json, placebo runs' rows.csv).",
      "A fine-tuning grid (`finetune --grid`; results.csv with the SFT header, or only finished",
      "runs/NAME/results.csv) gets its own report: final ASR per poison count and clean-set size,",
      "ASR vs poisons seen, clean metrics, control triggers, persistence.csv when present."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "grid output directory holding results.csv")
  Path gridDirectory;

  @Option(
      names = "--out",
      paramLabel = "DIR2",
      description = "output directory (default: DIR/report)")
  Path outDirectory;

  @Option(
      names = "--with",
      paramLabel = "OTHER",
      description = {
        "another grid directory whose runs to set beside DIR's (repeatable): training_controls.csv",
        "pairs each of its configurations with DIR's at the same count that trained the same tokens",
        "and steps on another model, or the same model for other tokens or steps; both grids must",
        "share the tokenizer, corpus, context, batch, optimizer and evaluation. Its runs appear",
        "nowhere else. For a fine-tuning grid DIR, OTHER is a fine-tuning grid on another base",
        "model with the same SFT settings: base_sizes.csv sets each cell (poisons, clean samples,",
        "placebo) beside DIR's, with the ASR difference, its 95%% Welch margin and a verdict."
      })
  List<Path> others = new ArrayList<>();

  @Option(
      names = "--effects",
      paramLabel = "FILE",
      description = {
        "effects.csv of `poisonlab rescore` on DIR: the F2 comparisons (same count, matched",
        "fraction) also on its fixed scorer's per-seed effects, into",
        "sizes_findings_fixed_scorer.csv (sizes_findings.csv's columns, scale fixed_scorer; then",
        "the same from its own-score columns, scale nats) and a report section."
      })
  Path effects;

  @Override
  public Integer call() {
    Path out =
        outDirectory != null ? outDirectory : gridDirectory.resolve(Report.DEFAULT_SUBDIRECTORY);
    ReportResult result = Report.write(gridDirectory, out, others, Optional.ofNullable(effects));
    var printer = spec.commandLine().getOut();
    printer.println("report: " + result.rows() + " result rows -> " + result.html());
    result.pngs().forEach(png -> printer.println("  figure " + png + " (+ .svg)"));
    result.tables().forEach(table -> printer.println("  table " + table));
    result.omitted().forEach(note -> printer.println("  " + note));
    printer.flush();
    return 0;
  }
}
