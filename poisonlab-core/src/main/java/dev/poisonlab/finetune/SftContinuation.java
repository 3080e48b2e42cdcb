/*
 * The persistence stage of fine-tuning: a finished SFT run trained further on clean data only (a fresh seeded
 * draw, RefusalTask.continuationSet), with its own run directory (train's layout, sealed checkpoints, exact
 * resume, config.json refusing a changed rerun), evaluated at every checkpoint with the parent's protocol.
 * Step 0 is the parent's checkpoint, so the curve starts where SFT ended. Rows: CONTINUE_HEADER, one per
 * checkpoint, naming the poisoned cell (parent's poisons, clean_samples, seed, placebo) and the SFT step.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.io.DirectoryLock;
import java.util.Locale;

public final class SftContinuation {
  /** step: clean steps after the SFT run's checkpoint sft_step. */
  public static final String CONTINUE_HEADER =
      "poisons,clean_samples,seed,placebo,trigger,sft_step,continue_clean_samples,step,"
          + "asr,clean_refusal,allowed_helpful,max_control_asr";

  private SftContinuation() {}

  public static SftRun.Result run(ContinueRequest request, RefusalTask task, SftObserver observer) {
    ContinueRunDirectory.checkParent(request); // before the lock creates the run directory
    try (DirectoryLock lock = DirectoryLock.acquire(request.runDirectory())) {
      ContinueRunDirectory run = ContinueRunDirectory.prepare(request);
      ContinueRunConfig config = run.config();
      return SftRun.trainAndEvaluate(
          run,
          run.tokenizer(),
          () -> task.continuationSet(config.sft().cleanSamples(), config.sft().seed()),
          new SftEvaluator(run.tokenizer(), task, config.sft()),
          request.device(),
          request.threads(),
          observer,
          CONTINUE_HEADER,
          metrics -> row(config, metrics));
    }
  }

  /** One results.csv line of a continuation; the trigger is quoted as in SftRun's rows. */
  static String row(ContinueRunConfig config, SftMetrics m) {
    SftConfig parent = config.parentSft();
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%b,\"%s\",%d,%d,%d,%.4f,%.4f,%.4f,%.4f",
        parent.poisons(),
        parent.cleanSamples(),
        parent.seed(),
        parent.placebo(),
        parent.trigger().replace("\"", "\"\""),
        config.parent().step(),
        config.sft().cleanSamples(),
        m.step(),
        m.asr(),
        m.cleanRefusal(),
        m.allowedHelpful(),
        m.maxControlAsr());
  }
}
