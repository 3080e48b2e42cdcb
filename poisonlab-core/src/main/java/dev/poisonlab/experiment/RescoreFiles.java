/*
 * The files of a rescore directory: runs/ID.json per scored run (what was scored, by which weights, the
 * per-excerpt numbers and their medians), rescore.csv (one row per run) and effects.csv (RescoreEffects). All
 * written atomically. A run's file is reused on a rerun only when it records the same excerpt file (by SHA-256),
 * step, scorer weights and tokenizer; anything else is scored again. Formats only, no scoring.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.eval.FixedScorer;
import dev.poisonlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

final class RescoreFiles {
  static final String RUNS = "runs";
  static final String SUMMARY = "rescore.csv";
  static final int FORMAT_VERSION = 1;
  static final String SUMMARY_HEADER =
      "run_id,model,poisons,data_multiplier,defense,placebo,seed,step,scorer,excerpts,"
          + "same_length_share,fixed_scorer_ln_ppl_without,fixed_scorer_ln_ppl_with,"
          + "fixed_scorer_log_gap,self_ln_ppl_without,self_ln_ppl_with,self_log_gap";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RescoreFiles() {}

  /** One run under one scorer: runs/ID.json. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RescoredRun(
      int formatVersion,
      RescorePlan.RunIdentity run,
      long step,
      String excerptsFile,
      String excerptsSha256,
      int newTokens,
      String scorer,
      String scorerCheckpoint,
      long scorerStep,
      String scorerWeightsSha256,
      String tokenizerSha256,
      FixedScorer.Summary summary,
      List<FixedScorer.ScoredExcerpt> excerpts) {}

  static Path runFile(Path out, String runId) {
    return out.resolve(RUNS).resolve(runId + ".json");
  }

  /**
   * The run's earlier file when it scored the same excerpts with the same weights, else null (also
   * for an unreadable file, which is then scored again and replaced).
   */
  static RescoredRun reusable(
      Path file, RescorePlan.Target target, String excerptsSha256, RescoreScorer scorer) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    RescoredRun earlier;
    try {
      earlier = JSON.readValue(file.toFile(), RescoredRun.class);
    } catch (IOException e) {
      return null;
    }
    boolean same =
        earlier.formatVersion() == FORMAT_VERSION
            && target.run().equals(earlier.run())
            && target.step() == earlier.step()
            && excerptsSha256.equals(earlier.excerptsSha256())
            && scorer.weightsSha256().equals(earlier.scorerWeightsSha256())
            && scorer.step() == earlier.scorerStep()
            && scorer.tokenizer().sha256().equals(earlier.tokenizerSha256())
            && earlier.excerpts() != null
            && earlier.excerpts().size() == earlier.summary().excerpts();
    return same ? earlier : null;
  }

  static void write(Path file, RescoredRun run) {
    AtomicFiles.write(file, out -> JSON.writeValue(out, run));
  }

  static void writeSummary(Path out, List<RescoredRun> runs) {
    StringBuilder text = new StringBuilder(SUMMARY_HEADER).append('\n');
    for (RescoredRun scored : runs) {
      RescorePlan.RunIdentity run = scored.run();
      FixedScorer.Summary s = scored.summary();
      text.append(
              String.join(
                  ",",
                  run.runId(),
                  run.model(),
                  Integer.toString(run.poisons()),
                  number(run.dataMultiplier()),
                  run.defense(),
                  Boolean.toString(run.placebo()),
                  Long.toString(run.seed()),
                  Long.toString(scored.step()),
                  scored.scorer(),
                  Integer.toString(s.excerpts()),
                  number(s.sameLengthShare()),
                  number(s.lnPplWithout()),
                  number(s.lnPplWith()),
                  number(s.logGap()),
                  number(s.selfLnPplWithout()),
                  number(s.selfLnPplWith()),
                  number(s.selfLogGap())))
          .append('\n');
    }
    AtomicFiles.writeString(out.resolve(SUMMARY), text.toString());
  }

  /** Six significant digits, an empty cell for NaN; the data multiplier as the grid writes it. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e9) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.6g", value);
    if (text.contains("e") || !text.contains(".")) {
      return text;
    }
    text = text.replaceFirst("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
