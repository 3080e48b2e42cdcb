/*
 * Result rows of a continued run (phase "continue" of results.csv), derived from its config.json alone: the
 * parent chain leads back to the pretraining run, which gives the model, poison count, seed and data multiplier;
 * steps, tokens and poisons seen count from the end of pretraining. Pure conversion: no training, no evaluation.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.eval.CheckpointResult;
import dev.poisonlab.report.ResultRow;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

public final class PersistenceRows {
  private PersistenceRows() {}

  /**
   * Where a continued run stands relative to pretraining: the pretraining run (config and
   * directory), and the clean steps, tokens and poisons its weights had seen before this run's step
   * 0.
   */
  public record Lineage(
      RunConfig pretraining,
      Path pretrainingDirectory,
      long stepsBefore,
      long tokensBefore,
      long poisonsBefore) {

    public static Lineage of(RunConfig continued) {
      if (!continued.isContinued()) {
        throw new IllegalArgumentException("not a continued run: config.json names no parent");
      }
      long steps = 0;
      long tokens = 0;
      long poisons = 0;
      RunConfig.Parent parent = continued.parent();
      while (true) {
        tokens += parent.tokensSeen();
        poisons += parent.poisonsSeen();
        if (!parent.config().isContinued()) {
          return new Lineage(parent.config(), Path.of(parent.directory()), steps, tokens, poisons);
        }
        steps +=
            parent.step(); // the parent was itself a continuation: its steps were clean steps too
        parent = parent.config().parent();
      }
    }

    /**
     * The pretraining data's multiplier: as the stream builder recorded it, else its token budget
     * over the Chinchilla budget of the model.
     */
    public double dataMultiplier() {
      Path manifest =
          pretrainingDirectory
              .resolve(Trainer.DATA_DIRECTORY)
              .resolve(StreamManifest.MANIFEST_FILE);
      if (Files.isRegularFile(manifest)) {
        StreamManifest.BuildInfo build = TokenStream.readManifest(manifest.getParent()).build();
        if (build != null && build.dataMultiplier() != null && build.dataMultiplier() > 0) {
          return build.dataMultiplier();
        }
      }
      return (double) pretraining.data().budgetTokens() / pretraining.model().chinchillaTokens();
    }
  }

  /**
   * One row per evaluated checkpoint, by step. {@code runId} and {@code dataMultiplier} may be null
   * (the pretraining directory's name; {@link Lineage#dataMultiplier()}).
   */
  public static List<ResultRow> rows(
      RunConfig continued, List<CheckpointResult> results, String runId, Double dataMultiplier) {
    Lineage lineage = Lineage.of(continued);
    RunConfig root = lineage.pretraining();
    String id = runId != null ? runId : lineage.pretrainingDirectory().getFileName().toString();
    double multiplier = dataMultiplier != null ? dataMultiplier : lineage.dataMultiplier();
    long maxSteps = lineage.stepsBefore() + continued.train().maxSteps();
    return results.stream()
        .sorted(Comparator.comparingLong(CheckpointResult::step))
        .map(result -> row(lineage, root, id, multiplier, maxSteps, result))
        .toList();
  }

  /**
   * One checkpoint of the continued run, its step, tokens and poisons counted from pretraining's
   * start.
   */
  private static ResultRow row(
      Lineage lineage,
      RunConfig root,
      String id,
      double multiplier,
      long maxSteps,
      CheckpointResult result) {
    long step = lineage.stepsBefore() + result.step();
    int poisons = root.data().poisons();
    boolean control = !result.controls().isEmpty();
    return ResultRows.evaluated(result)
        .runId(id)
        .model(root.preset())
        .params(root.model().parameterCount())
        .nonEmbeddingParams(root.model().nonEmbeddingParameterCount())
        .poisons(poisons)
        .dataMultiplier(multiplier)
        .seed(root.train().seed())
        .step(step)
        .maxSteps(maxSteps)
        .fraction((double) step / maxSteps)
        .tokens(lineage.tokensBefore() + result.tokensSeen())
        // poisons seen counts every epoch; after a wrap every poison has been seen once
        .poisonsSeen(Math.min(poisons, lineage.poisonsBefore() + result.poisonsSeen()))
        .nearTrigger(control ? result.controls().get(0).trigger() : "")
        .nearTriggerGap(control ? result.nearTriggerGap() : Double.NaN)
        .nearTriggerShareOver50(control ? result.nearTriggerCollapseRate() : Double.NaN)
        .phase(ResultRow.CONTINUE)
        .logGaps(ResultRows.logGaps(result, poisons == 0))
        .build();
  }
}
