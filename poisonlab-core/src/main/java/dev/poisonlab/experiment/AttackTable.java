/*
 * attacks.csv: one line per finished poisoned run of a grid with defences or several attacks, saying what the
 * filter did to that attack (poisons left, recall, clean documents dropped, false-positive rate, from the run's
 * defense.json) and what the attack still did after filter-then-train (final log gap in nats, its twin's, the
 * difference). Rewritten with results.csv; report.AttackFindings summarises it per attack and defence.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.report.AttackFindings;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.report.ResultsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class AttackTable {
  static final String FILE = AttackFindings.FILE;

  private AttackTable() {}

  /** Only grids that filter or cross attacks get the file; the paper's grids stay as they were. */
  static boolean applies(GridSpec spec) {
    return spec.namesAttacks() || spec.defenses().stream().anyMatch(d -> !d.equals("none"));
  }

  /** Rewrites GRID/attacks.csv (atomically) when the grid has a finished poisoned run. */
  static void write(GridWorkspace workspace, List<RunSpec> runs, String rowsFileName) {
    GridSpec spec = workspace.spec();
    if (!applies(spec)) {
      return;
    }
    List<RunSpec> finished =
        runs.stream()
            .filter(run -> Files.isRegularFile(workspace.runDirectory(run).resolve(rowsFileName)))
            .toList();
    StringBuilder csv = new StringBuilder(String.join(",", AttackFindings.COLUMNS)).append('\n');
    int lines = 0;
    for (RunSpec run : finished) {
      if (run.isCleanTwin() || run.placebo()) {
        continue;
      }
      Optional<RunSpec> twin =
          finished.stream().filter(other -> TwinTests.isPartner(run, other)).findFirst();
      ResultRow last = last(workspace, run, rowsFileName);
      double twinGap =
          twin.map(t -> last(workspace, t, rowsFileName).logGaps().logPplGap()).orElse(Double.NaN);
      Optional<RunDefense.Outcome> outcome =
          run.isDefended() ? RunDefense.read(workspace.runDirectory(run)) : Optional.empty();
      long cleanDocuments = outcome.map(RunDefense.Outcome::cleanDocuments).orElse(0L);
      double gap = last.logGaps().logPplGap();
      List<String> cells =
          List.of(
              run.id(),
              twin.map(RunSpec::id).orElse(""),
              run.model(),
              Double.toString(run.dataMultiplier()),
              Long.toString(run.seed()),
              spec.strategyOf(run),
              run.defense(),
              Integer.toString(run.numPoisonDocs()),
              Integer.toString(last.poisonsAfterDefense()),
              outcome.map(o -> o.recall() == null ? "" : number(o.recall())).orElse(""),
              outcome.isPresent() ? Long.toString(cleanDocuments) : "",
              Long.toString(last.cleanDropped()),
              cleanDocuments > 0 ? number((double) last.cleanDropped() / cleanDocuments) : "",
              Long.toString(last.step()),
              number(gap),
              number(twinGap),
              number(gap - twinGap));
      csv.append(String.join(",", cells)).append('\n');
      lines++;
    }
    if (lines > 0) {
      AtomicFiles.writeString(workspace.directory().resolve(FILE), csv.toString());
    }
  }

  /** The run's last pretraining checkpoint. */
  private static ResultRow last(GridWorkspace workspace, RunSpec run, String rowsFileName) {
    Path file = workspace.runDirectory(run).resolve(rowsFileName);
    return ResultsCsv.read(file).stream()
        .filter(row -> row.phase().equals(ResultRow.PRETRAIN))
        .max(Comparator.comparingLong(ResultRow::step))
        .orElseThrow();
  }

  private static String number(double value) {
    return VerdictsCsv.number(value);
  }
}
