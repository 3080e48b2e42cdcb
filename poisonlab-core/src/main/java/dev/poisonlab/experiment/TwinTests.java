/*
 * twin_tests.csv: every finished poisoned run tested against its finished clean twin, checkpoint by checkpoint
 * (eval.TwinComparison), and, as the test's calibration, every finished twin against the twins that differ from
 * it only in seed (each unordered pair is tested both ways; report.TwinTestFindings counts it once). Placebo runs
 * are tested like poisoned ones under their own kind. Each run keeps its own
 * runs/ID/twin_tests.csv (recomputed while its eval directory exists, kept as is in a snapshot without one);
 * a partner may be a snapshot's twin (its excerpts/ copies, kept at every checkpoint), so a grid seeded from a
 * snapshot tests its new runs. GRID/twin_tests.csv is their concatenation in grid order, rewritten with
 * results.csv.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.TwinComparison;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.TwinTestFindings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

final class TwinTests {
  static final String FILE = TwinTestFindings.FILE;
  static final String POISONED_VS_TWIN = "poisoned-vs-twin";
  static final String TWIN_VS_TWIN = "twin-vs-twin";
  static final String PLACEBO_VS_TWIN = "placebo-vs-twin";
  private static final List<String> KEY_COLUMNS =
      List.of(
          "kind", "run_id", "twin_id", "model", "poisons", "data_multiplier", "seed", "defense");

  private TwinTests() {}

  /** Refreshes every run's file that can be computed, then the grid's (when any run has one). */
  static void write(GridWorkspace workspace, List<RunSpec> runs, String rowsFileName) {
    List<RunSpec> finished =
        runs.stream()
            .filter(run -> Files.isRegularFile(workspace.runDirectory(run).resolve(rowsFileName)))
            .toList();
    StringBuilder grid = new StringBuilder();
    for (RunSpec run : finished) {
      Path runFile = workspace.runDirectory(run).resolve(FILE);
      List<RunSpec> partners = finished.stream().filter(other -> isPartner(run, other)).toList();
      if (hasEval(workspace, run)
          && !partners.isEmpty()
          && partners.stream().allMatch(p -> partnerExcerpts(workspace, p) != null)) {
        List<List<String>> keys = new ArrayList<>();
        List<List<TwinComparison.StepComparison>> comparisons = new ArrayList<>();
        for (RunSpec partner : partners) {
          keys.add(
              List.of(
                  kind(run),
                  run.id(),
                  partner.id(),
                  run.model(),
                  Integer.toString(run.numPoisonDocs()),
                  Double.toString(run.dataMultiplier()),
                  Long.toString(run.seed()),
                  run.defense()));
          comparisons.add(
              TwinComparison.compare(
                  evalDirectory(workspace, run), partnerExcerpts(workspace, partner)));
        }
        AtomicFiles.writeString(runFile, TwinComparison.csv(KEY_COLUMNS, keys, comparisons));
      }
      if (Files.isRegularFile(runFile)) {
        List<String> lines = readLines(runFile);
        if (grid.length() == 0) {
          grid.append(lines.get(0)).append('\n');
        } else if (!grid.substring(0, grid.indexOf("\n")).equals(lines.get(0))) {
          throw new InputException(
              runFile,
              1,
              "columns differ from the other runs' twin tests (an older "
                  + "poisonlab wrote it, and its eval directory is gone): delete it to go on without it");
        }
        lines.stream().skip(1).forEach(line -> grid.append(line).append('\n'));
      }
    }
    if (grid.length() > 0) {
      AtomicFiles.writeString(workspace.directory().resolve(FILE), grid.toString());
    }
  }

  /**
   * A poisoned run's partner is its twin (same all but poisons: a defended run's twin is filtered
   * the same way, and in a grid of several attacks it is evaluated with the run's trigger, so the
   * trigger groups match); a twin's partners are the twins of other seeds, both directions, since
   * the test is one-sided (the report counts each unordered pair once); a placebo run's partner is
   * its twin, like a poisoned run's.
   */
  static boolean isPartner(RunSpec run, RunSpec other) {
    boolean sameSetting =
        run.model().equals(other.model())
            && run.dataMultiplier() == other.dataMultiplier()
            && run.defense().equals(other.defense())
            && Objects.equals(run.triggerGroup(), other.triggerGroup());
    if (!sameSetting || !other.isCleanTwin()) {
      return false;
    }
    return run.isCleanTwin() ? other.seed() != run.seed() : other.seed() == run.seed();
  }

  private static String kind(RunSpec run) {
    return run.isCleanTwin() ? TWIN_VS_TWIN : run.placebo() ? PLACEBO_VS_TWIN : POISONED_VS_TWIN;
  }

  private static boolean hasEval(GridWorkspace workspace, RunSpec run) {
    return Files.isDirectory(evalDirectory(workspace, run));
  }

  /**
   * The directory of a partner's per-excerpt files, found as the verdicts find them: its eval
   * directory, else a snapshot's excerpts/ (a twin keeps every checkpoint's there); null if none.
   */
  private static Path partnerExcerpts(GridWorkspace workspace, RunSpec partner) {
    TreeMap<Long, Path> files = Verdicts.excerptFiles(workspace.runDirectory(partner));
    return files.isEmpty() ? null : files.firstEntry().getValue().getParent();
  }

  private static Path evalDirectory(GridWorkspace workspace, RunSpec run) {
    return workspace.runDirectory(run).resolve("eval");
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
