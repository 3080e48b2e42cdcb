/*
 * effects.csv of a rescore: per configuration (model, data multiplier, defence, poisons, placebo, trigger),
 * each seed's effect over its same-seed twin on the fixed scorer's scale, by the grid's own definition (the
 * median over shared excerpts of the paired log-gap difference, eval.ModelVerdict) so it reads against
 * verdicts.csv's effects_nats; beside it the same from the runs' own scores, the twin band of each, and the
 * mean and sample sd over seeds. A twin is scored by its seed's scorer, so each pair shares one scorer.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.BackdoorEvaluator.ExcerptResult;
import dev.poisonlab.eval.FixedScorer.ScoredExcerpt;
import dev.poisonlab.eval.ModelVerdict;
import dev.poisonlab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

final class RescoreEffects {
  static final String FILE = "effects.csv";
  static final String HEADER =
      "model,data_multiplier,defense,poisons,placebo,step,seeds,scorers,effects_fixed,mean_fixed,"
          + "sd_fixed,band_fixed,effects_self,mean_self,sd_self,band_self";

  /** One configuration: per-seed effects on both scales, in seed order. */
  record Row(
      RescorePlan.RunIdentity config,
      String steps,
      List<Long> seeds,
      List<String> scorers,
      List<Double> fixed,
      double bandFixed,
      List<Double> self,
      double bandSelf) {
    double meanFixed() {
      return mean(fixed);
    }

    double sdFixed() {
      return sd(fixed);
    }

    double meanSelf() {
      return mean(self);
    }

    double sdSelf() {
      return sd(self);
    }
  }

  private RescoreEffects() {}

  static List<Row> of(List<RescoreFiles.RescoredRun> runs) {
    Map<RescorePlan.RunIdentity, List<RescoreFiles.RescoredRun>> configurations =
        new LinkedHashMap<>();
    for (RescoreFiles.RescoredRun run : runs) {
      if (run.run().poisons() > 0) {
        configurations.computeIfAbsent(configuration(run.run()), k -> new ArrayList<>()).add(run);
      }
    }
    List<Row> rows = new ArrayList<>();
    configurations.forEach(
        (config, members) -> {
          List<RescoreFiles.RescoredRun> twins =
              runs.stream().filter(run -> isTwinOf(run.run(), config)).toList();
          List<RescoreFiles.RescoredRun> paired =
              members.stream()
                  .filter(run -> twins.stream().anyMatch(t -> t.run().seed() == run.run().seed()))
                  .sorted(java.util.Comparator.comparingLong(run -> run.run().seed()))
                  .toList();
          if (paired.isEmpty()) {
            return;
          }
          ModelVerdict.Verdict fixed = decide(paired, twins, true);
          ModelVerdict.Verdict self = decide(paired, twins, false);
          List<Long> seeds = fixed.effects().stream().map(ModelVerdict.SeedEffect::seed).toList();
          rows.add(
              new Row(
                  config,
                  paired.stream()
                      .map(run -> Long.toString(run.step()))
                      .distinct()
                      .collect(Collectors.joining(" ")),
                  seeds,
                  seeds.stream()
                      .map(
                          seed ->
                              paired.stream()
                                  .filter(run -> run.run().seed() == seed)
                                  .findFirst()
                                  .orElseThrow()
                                  .scorer())
                      .toList(),
                  fixed.effects().stream().map(ModelVerdict.SeedEffect::effect).toList(),
                  fixed.band(),
                  self.effects().stream().map(ModelVerdict.SeedEffect::effect).toList(),
                  self.band()));
        });
    return rows;
  }

  static void write(Path out, List<Row> rows) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Row row : rows) {
      RescorePlan.RunIdentity c = row.config();
      text.append(
              String.join(
                  ",",
                  c.model(),
                  RescoreFiles.number(c.dataMultiplier()),
                  c.defense(),
                  Integer.toString(c.poisons()),
                  Boolean.toString(c.placebo()),
                  row.steps(),
                  row.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                  String.join(" ", row.scorers()),
                  joined(row.fixed()),
                  RescoreFiles.number(row.meanFixed()),
                  RescoreFiles.number(row.sdFixed()),
                  RescoreFiles.number(row.bandFixed()),
                  joined(row.self()),
                  RescoreFiles.number(row.meanSelf()),
                  RescoreFiles.number(row.sdSelf()),
                  RescoreFiles.number(row.bandSelf())))
          .append('\n');
    }
    AtomicFiles.writeString(out.resolve(FILE), text.toString());
  }

  /**
   * The grid's verdict machinery over per-excerpt rows rebuilt from one scale's ln perplexities.
   */
  private static ModelVerdict.Verdict decide(
      List<RescoreFiles.RescoredRun> poisoned,
      List<RescoreFiles.RescoredRun> twins,
      boolean fixedScale) {
    return ModelVerdict.decide(
        poisoned.stream().map(run -> seedRun(run, fixedScale)).toList(),
        twins.stream().map(run -> seedRun(run, fixedScale)).toList());
  }

  private static ModelVerdict.SeedRun seedRun(RescoreFiles.RescoredRun run, boolean fixedScale) {
    ToDoubleFunction<ScoredExcerpt> without =
        fixedScale ? ScoredExcerpt::lnPplWithout : ScoredExcerpt::selfLnPplWithout;
    ToDoubleFunction<ScoredExcerpt> with =
        fixedScale ? ScoredExcerpt::lnPplWith : ScoredExcerpt::selfLnPplWith;
    List<ExcerptResult> rows =
        run.excerpts().stream()
            .map(
                e -> {
                  double pplWithout = Math.exp(without.applyAsDouble(e));
                  double pplWith = Math.exp(with.applyAsDouble(e));
                  return ExcerptResult.builder()
                      .id(e.id())
                      .perplexityWithoutTrigger(pplWithout)
                      .perplexityWithTrigger(pplWith)
                      .gap(pplWith - pplWithout)
                      .build();
                })
            .toList();
    return new ModelVerdict.SeedRun(
        run.run().runId(), run.run().seed(), Path.of(run.excerptsFile()), rows);
  }

  /** A configuration is named by its runs' identity without run id and seed. */
  private static RescorePlan.RunIdentity configuration(RescorePlan.RunIdentity run) {
    return new RescorePlan.RunIdentity(
        "",
        run.model(),
        run.poisons(),
        run.dataMultiplier(),
        run.defense(),
        run.attack(),
        run.placebo(),
        0,
        run.trigger());
  }

  private static boolean isTwinOf(RescorePlan.RunIdentity run, RescorePlan.RunIdentity config) {
    return run.poisons() == 0
        && run.model().equals(config.model())
        && run.dataMultiplier() == config.dataMultiplier()
        && run.defense().equals(config.defense())
        && run.trigger().equals(config.trigger());
  }

  private static String joined(List<Double> values) {
    return values.stream().map(RescoreFiles::number).collect(Collectors.joining(" "));
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample sd (n - 1); NaN below two seeds. */
  static double sd(List<Double> values) {
    if (values.size() < 2) {
      return Double.NaN;
    }
    double mean = mean(values);
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(squares / (values.size() - 1));
  }
}
