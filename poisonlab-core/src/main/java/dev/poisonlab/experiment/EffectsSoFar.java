/*
 * Each poisoned (or placebo) run's effect over its same-seed twin at every checkpoint both have evaluated, for
 * `grid status --effects`: the per-seed effect of eval.ModelVerdict (median over shared excerpts of the paired
 * log-gap difference, nats), read from the runs' eval/ or a snapshot's excerpts/ as Verdicts finds them; and, as
 * the noise beside it, each later-seed twin against the first seed's. It covers runs still training, which
 * verdicts.csv leaves out until they finish: one run against one twin, a first look, not a verdict. Reads only.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.ModelVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class EffectsSoFar {
  private EffectsSoFar() {}

  /** One checkpoint evaluated by both runs: the effect in nats over the shared excerpts. */
  public record StepEffect(long step, double effectNats, int pairs) {}

  /** A run and its twin, with every checkpoint both evaluated, ascending (empty if none yet). */
  public record RunEffects(String runId, String twinId, List<StepEffect> steps) {
    /** The newest checkpoint both evaluated. */
    public Optional<StepEffect> latest() {
      return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }
  }

  /**
   * Every poisoned or placebo run of the grid's grid.json that has a same-seed twin in the grid,
   * and every twin whose setting has a twin of a lower seed (against the lowest), in grid order. A
   * directory without grid.json is an InputException naming it.
   */
  public static List<RunEffects> read(Path gridDirectory) {
    GridWorkspace workspace = GridWorkspace.existing(gridDirectory);
    GridSpec spec = workspace.spec();
    List<RunEffects> effects = new ArrayList<>();
    // a twin's files serve every run of its seed (and the later twins): read each once
    Map<Path, ModelVerdict.SeedRun> twinRuns = new HashMap<>();
    for (RunSpec run : spec.runs()) {
      spec.runs().stream()
          .filter(other -> TwinTests.isPartner(run, other))
          .filter(other -> !run.isCleanTwin() || other.seed() < run.seed())
          .min(Comparator.comparingLong(RunSpec::seed))
          .ifPresent(twin -> effects.add(compare(workspace, run, twin, twinRuns)));
    }
    return effects;
  }

  private static RunEffects compare(
      GridWorkspace workspace,
      RunSpec run,
      RunSpec twin,
      Map<Path, ModelVerdict.SeedRun> twinRuns) {
    TreeMap<Long, Path> runFiles = Verdicts.excerptFiles(workspace.runDirectory(run));
    TreeMap<Long, Path> twinFiles = Verdicts.excerptFiles(workspace.runDirectory(twin));
    List<StepEffect> steps = new ArrayList<>();
    for (var entry : runFiles.entrySet()) {
      Path twinFile = twinFiles.get(entry.getKey());
      if (twinFile == null) {
        continue;
      }
      ModelVerdict.SeedRun twinRun =
          twinRuns.computeIfAbsent(twinFile, f -> Verdicts.seedRun(twin, f));
      ModelVerdict.SeedEffect effect =
          ModelVerdict.seedEffect(Verdicts.seedRun(run, entry.getValue()), twinRun);
      if (effect != null) {
        steps.add(new StepEffect(entry.getKey(), effect.effect(), effect.pairs()));
      }
    }
    return new RunEffects(run.id(), twin.id(), List.copyOf(steps));
  }
}
